// /staff/directory/import: paste (or pick) a CSV in the importer's format, see every problem
// by line and field and the rows that would be added or updated, then confirm. Nothing is
// written before the confirm. A pasted form keeps the CSRF check simple (no multipart).
import { Router } from "express";
import type { Translate } from "../../i18n.js";
import { addressCacheFor } from "../../addresses/address-store.js";
import { COLUMNS, type TrustedAddress } from "../../addresses/trusted-addresses.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html, type Html } from "../html.js";
import { csrfField } from "../layout.js";
import type { Staff } from "../principal.js";
import { applyImport, PendingImports, planImport, type ImportPlan } from "./import-plan.js";
import { communeName, formValue, problemText, sendPage, staffOf } from "./shared.js";

const PATH = "/staff/directory";

export function importRoutes(ctx: StaffContext, pending = new PendingImports(ctx.db)): Router {
  const r = Router();

  r.get("/directory/import", (_req, res) => {
    const { staff, t } = staffOf(res);
    sendPage(res, t("import.title"), importForm(t, staff, ""), PATH);
  });

  r.post("/directory/import", async (req, res) => {
    const { staff, t } = staffOf(res);
    const csv = typeof req.body?.csv === "string" ? (req.body.csv as string) : "";
    const plan = await planImport(ctx.db, staff, csv);
    const id = plan.add.length + plan.update.length > 0 ? await pending.put(staff.id, plan) : null;
    sendPage(res, t("import.previewTitle"), html`${preview(t, staff, plan, id)}<h2>${t("import.again")}</h2>${importForm(t, staff, csv)}`, PATH);
  });

  r.post("/directory/import/confirm", async (req, res) => {
    const { staff, t } = staffOf(res);
    const plan = await pending.take(formValue(req, "pending"), staff.id);
    if (!plan) return sendPage(res, t("import.expiredTitle"), html`<p>${t("import.expired")}</p><p><a href="/staff/directory/import">${t("import.title")}</a></p>`, PATH, 404);
    const n = await applyImport(ctx.db, staff, [...plan.add, ...plan.update]);
    await audit(ctx.db, staff, "directory.import", "trusted_address", undefined, `added=${n.added} updated=${n.updated} skipped=${n.skipped}`);
    await addressCacheFor(ctx.db).invalidate();
    sendPage(res, t("import.doneTitle"), html`<p class="ok" role="status">${t("import.done", n)}</p><p><a class="button" href="${PATH}">${t("title")}</a></p>`, PATH);
  });
  return r;
}

function importForm(t: Translate, staff: Staff, csv: string): Html {
  return html`<form method="post" action="/staff/directory/import" class="card wide">${csrfField(staff)}
<p class="hint">${t("import.help")}</p>
<p><code class="columns">${COLUMNS.join(",")}</code></p>
<label>${t("import.file")}<input type="file" id="csv-file" accept=".csv,text/csv"></label>
<label>${t("import.paste")}<textarea name="csv" id="csv" rows="8" spellcheck="false">${csv}</textarea></label>
<p><button>${t("import.check")}</button></p></form>
<script src="/staff/assets/directory-import.js" defer></script>`;
}

function preview(t: Translate, staff: Staff, plan: ImportPlan, pendingId: string | null): Html {
  const rowsTable = (rows: TrustedAddress[]) => html`<div class="table-wrap"><table><thead><tr><th>${t("import.line")}</th><th>id</th><th>${t("col.commune")}</th><th>${t("col.name")}</th><th>${t("col.phone")}</th><th>${t("col.sample")}</th></tr></thead><tbody>
${rows.map((a) => html`<tr><td>${a.line}</td><td>${a.id}</td><td>${communeName(a.communeCode)}</td><td>${staff.lang === "vi" ? a.name.vi : a.name.en}</td><td>${a.phone ?? ""}</td><td>${a.isSample ? html`<span class="sample">${t("sampleMark")}</span>` : ""}</td></tr>`)}
</tbody></table></div>`;
  return html`<p role="status">${t("import.summary", { problems: plan.problems.length, add: plan.add.length, update: plan.update.length })}</p>
${plan.isSample ? html`<p class="sample">${t("import.sampleFile")}</p>` : ""}
${plan.problems.length > 0
  ? html`<h2>${t("import.problems")}</h2><div class="table-wrap"><table class="problems"><thead><tr><th>${t("import.line")}</th><th>${t("import.field")}</th><th>${t("import.problem")}</th></tr></thead><tbody>
${plan.problems.map((p) => html`<tr><td>${p.line}</td><td><code>${p.field}</code></td><td>${problemText(t, p)}</td></tr>`)}</tbody></table></div>`
  : ""}
${plan.add.length > 0 ? html`<h2>${t("import.toAdd", { count: plan.add.length })}</h2>${rowsTable(plan.add)}` : ""}
${plan.update.length > 0 ? html`<h2>${t("import.toUpdate", { count: plan.update.length })}</h2>${rowsTable(plan.update)}` : ""}
${pendingId
  ? html`<form method="post" action="/staff/directory/import/confirm" class="card">${csrfField(staff)}<input type="hidden" name="pending" value="${pendingId}">
<p>${plan.problems.length > 0 ? t("import.confirmWithProblems") : t("import.confirmClean")}</p>
<button>${t("import.confirm", { count: plan.add.length + plan.update.length })}</button> <a href="${PATH}">${t("form.cancel")}</a></form>`
  : html`<p class="error">${t("import.nothing")}</p>`}`;
}
