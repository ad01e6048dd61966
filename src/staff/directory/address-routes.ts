// /staff/directory: the trusted addresses in the staff member's area; add, edit, and
// deactivate/reactivate (never delete: the audit log keeps pointing at real rows).
// Every change refreshes the bot's cache before answering, so the next chat sees it.
import { Router, type Response } from "express";
import { addressCacheFor, addressData } from "../../addresses/address-store.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html } from "../html.js";
import { csrfField } from "../layout.js";
import { areaWhere, canSee } from "../principal.js";
import { addressFormHtml, blankForm, checkForm, formFromRecord, newAddressId, readForm } from "./address-form.js";
import { communeName, notFound, sendPage, staffOf } from "./shared.js";

const LIST = "/staff/directory";

export function addressRoutes(ctx: StaffContext): Router {
  const r = Router();
  const db = ctx.db;

  /** The row if it is in the staff member's area; otherwise answers 404 and gives null. */
  const findInArea = async (id: string, res: Response) => {
    const row = await db.trustedAddress.findUnique({ where: { id } });
    if (!row || !canSee(staffOf(res).staff, row)) {
      notFound(res, LIST);
      return null;
    }
    return row;
  };

  r.get("/directory", async (req, res) => {
    const { staff, t } = staffOf(res);
    const rows = await db.trustedAddress.findMany({ where: areaWhere(staff), orderBy: [{ communeCode: "asc" }, { nameVi: "asc" }] });
    const saved = typeof req.query.saved === "string" ? req.query.saved : "";
    const body = html`${saved ? html`<p class="ok" role="status">${t("saved")}</p>` : ""}
<p class="actions"><a class="button" href="/staff/directory/new">${t("add")}</a> <a class="button secondary" href="/staff/directory/import">${t("import.link")}</a></p>
<p class="hint">${t("intro")}</p>
${rows.length === 0 ? html`<p>${t("empty")}</p>` : html`<div class="table-wrap"><table class="directory stack"><thead><tr>
<th>${t("col.commune")}</th><th>${t("col.name")}</th><th>${t("col.kind")}</th><th>${t("col.phone")}</th><th>${t("col.verifiedBy")}</th><th>${t("col.sample")}</th><th>${t("col.status")}</th><th>${t("col.actions")}</th></tr></thead><tbody>
${rows.map(
  (a) => html`<tr id="addr-${a.id}"${a.active ? "" : html` class="inactive"`}><td data-label="${t("col.commune")}">${communeName(a.communeCode)}</td>
<td data-label="${t("col.name")}">${staff.lang === "vi" ? a.nameVi : a.nameEn}${a.village ? html`<br><small>${a.village}</small>` : ""}</td>
<td data-label="${t("col.kind")}">${t(`kind.${a.kind}`)}</td><td data-label="${t("col.phone")}">${a.phone ?? ""}</td><td data-label="${t("col.verifiedBy")}">${a.verifiedBy ?? ""}</td>
<td data-label="${t("col.sample")}">${a.sample ? html`<span class="sample">${t("sampleMark")}</span>` : ""}</td><td data-label="${t("col.status")}">${a.active ? t("status.active") : t("status.inactive")}</td>
<td class="row-actions"><a href="/staff/directory/${encodeURIComponent(a.id)}/edit">${t("edit")}</a>
<form method="post" action="/staff/directory/${encodeURIComponent(a.id)}/${a.active ? "deactivate" : "reactivate"}" class="inline">${csrfField(staff)}<button class="secondary">${a.active ? t("deactivate") : t("reactivate")}</button></form></td></tr>`,
)}</tbody></table></div>`}`;
    sendPage(res, t("title"), body, LIST);
  });

  r.get("/directory/new", (_req, res) => {
    const { staff, t } = staffOf(res);
    sendPage(res, t("form.newTitle"), addressFormHtml(t, staff, blankForm(staff), new Map(), "/staff/directory/new"), LIST);
  });

  r.post("/directory/new", async (req, res) => {
    const { staff, t } = staffOf(res);
    const form = readForm(req);
    const id = newAddressId(form);
    const { row, problems } = checkForm(form, id, staff);
    if (!row) return sendPage(res, t("form.newTitle"), addressFormHtml(t, staff, form, problems, "/staff/directory/new"), LIST, 422);
    await db.trustedAddress.create({ data: { id, ...addressData(row), updatedBy: staff.id } });
    await audit(db, staff, "directory.create", "trusted_address", id, `commune=${row.communeCode}`);
    await addressCacheFor(db).invalidate();
    res.redirect(303, `${LIST}?saved=${encodeURIComponent(id)}#addr-${id}`);
  });

  r.get("/directory/:id/edit", async (req, res) => {
    const { staff, t } = staffOf(res);
    const rec = await findInArea(req.params.id, res);
    if (!rec) return;
    sendPage(res, t("form.editTitle"), addressFormHtml(t, staff, formFromRecord(rec), new Map(), `/staff/directory/${encodeURIComponent(rec.id)}/edit`), LIST);
  });

  r.post("/directory/:id/edit", async (req, res) => {
    const { staff, t } = staffOf(res);
    const rec = await findInArea(req.params.id, res);
    if (!rec) return;
    const form = readForm(req);
    const { row, problems } = checkForm(form, rec.id, staff);
    const action = `/staff/directory/${encodeURIComponent(rec.id)}/edit`;
    if (!row) return sendPage(res, t("form.editTitle"), addressFormHtml(t, staff, form, problems, action), LIST, 422);
    await db.trustedAddress.update({ where: { id: rec.id }, data: { ...addressData(row), updatedBy: staff.id } });
    await audit(db, staff, "directory.update", "trusted_address", rec.id, `commune=${row.communeCode}`);
    await addressCacheFor(db).invalidate();
    res.redirect(303, `${LIST}?saved=${encodeURIComponent(rec.id)}#addr-${rec.id}`);
  });

  for (const [action, active] of [["deactivate", false], ["reactivate", true]] as const) {
    r.post(`/directory/:id/${action}`, async (req, res) => {
      const { staff } = staffOf(res);
      const rec = await findInArea(req.params.id, res);
      if (!rec) return;
      await db.trustedAddress.update({ where: { id: rec.id }, data: { active, updatedBy: staff.id } });
      await audit(db, staff, `directory.${action}`, "trusted_address", rec.id);
      await addressCacheFor(db).invalidate();
      res.redirect(303, `${LIST}?saved=${encodeURIComponent(rec.id)}#addr-${rec.id}`);
    });
  }
  return r;
}
