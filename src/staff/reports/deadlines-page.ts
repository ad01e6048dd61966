// "Hạn báo cáo" (/staff/reports/deadlines): the report deadlines of the staff member's
// province(s), nearest first, with "còn N ngày"; province staff add their province's, the
// centre any province's; commune staff read their province's. Adding and removing are audited.
import type { Request, Response } from "express";
import { defaultAreas } from "../../areas/index.js";
import { checkDeadline, daysLeft, upcomingDeadlines, type DeadlineProblem } from "../../deadlines/deadlines.js";
import { dmyFull, vnDate } from "../../flows/report/quarter.js";
import type { Translate } from "../../i18n.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html, type Html } from "../html.js";
import { staffT } from "../i18n.js";
import { csrfField, page } from "../layout.js";
import type { Staff } from "../principal.js";
import { provinceName } from "./areas.js";
import { NS } from "./labels.js";
import type { Db } from "../../db/client.js";

/** The provinces whose deadlines this person sees: null = every province (the centre). */
export function deadlineProvinces(staff: Staff): string[] | null {
  if (staff.role === "centre_admin") return null;
  if (!staff.areaCode) return [];
  if (staff.role === "province_staff") return [staff.areaCode];
  const p = defaultAreas().communesByCode.get(staff.areaCode)?.provinceCode;
  return p ? [p] : [];
}

function canEdit(staff: Staff, provinceCode: string): boolean {
  return staff.role === "centre_admin" || (staff.role === "province_staff" && staff.areaCode === provinceCode);
}

type Row = Awaited<ReturnType<typeof upcomingDeadlines>>[number];

/** "Báo cáo năm gửi Trung ương Hội: trước hết ngày 10/01/2027 (còn 37 ngày)". */
export function deadlineText(t: Translate, d: Pick<Row, "title" | "dueDate" | "recipient" | "provinceCode">, today: string, withProvince: boolean): string {
  const days = daysLeft(d.dueDate, today);
  return t("deadlines.line", {
    title: d.title,
    to: d.recipient ? t("deadlines.to", { recipient: d.recipient }) : "",
    date: dmyFull(d.dueDate),
    left: days === 0 ? t("deadlines.today") : t("deadlines.left", { days }),
    province: withProvince ? `${provinceName(d.provinceCode)}: ` : "",
  });
}

/** The dashboard's lines: the nearest three deadlines in the person's province(s). */
export async function deadlineLines(db: Db, t: Translate, staff: Staff, now: Date): Promise<Html> {
  const today = vnDate(now);
  const rows = await upcomingDeadlines(db, deadlineProvinces(staff), today, 3);
  if (rows.length === 0) return html`<p class="deadlines"><a href="/staff/reports/deadlines">${t("deadlines.noneSet")}</a></p>`;
  return html`<ul class="deadlines">${rows.map(
    (d) => html`<li data-deadline="${d.id}" data-days-left="${daysLeft(d.dueDate, today)}"><a href="/staff/reports/deadlines">${deadlineText(t, d, today, staff.role === "centre_admin")}</a></li>`,
  )}</ul>`;
}

interface FormValues { province_code: string; title: string; due_date: string; data_until: string; recipient: string; remind_days: string }

function form(t: Translate, staff: Staff, v: FormValues, problems: DeadlineProblem[]): Html {
  const err = (field: DeadlineProblem["field"]) => {
    const p = problems.find((x) => x.field === field);
    return p ? html`<span class="error" id="err-${field}">${t(`deadlines.problem.${p.code}`, { field: t(`deadlines.field.${field}`) })}</span>` : "";
  };
  const provinces = staff.role === "centre_admin" ? defaultAreas().provinces : defaultAreas().provinces.filter((p) => p.code === staff.areaCode);
  return html`<form method="post" action="/staff/reports/deadlines" class="stack">${csrfField(staff)}
${problems.length > 0 ? html`<p class="error" role="alert">${t("deadlines.fix")}</p>` : ""}
<label>${t("deadlines.field.province_code")} <select name="province_code">${provinces.map((p) => html`<option value="${p.code}"${p.code === v.province_code ? html` selected` : ""}>${p.name}</option>`)}</select></label>${err("province_code")}
<label>${t("deadlines.field.title")} <input name="title" value="${v.title}" maxlength="200" required placeholder="${t("deadlines.titleExample")}"></label>${err("title")}
<label>${t("deadlines.field.dueDate")} <input type="date" name="due_date" value="${v.due_date}" required></label>${err("dueDate")}
<label>${t("deadlines.field.dataUntil")} <input type="date" name="data_until" value="${v.data_until}"></label>${err("dataUntil")}
<label>${t("deadlines.field.recipient")} <input name="recipient" value="${v.recipient}" maxlength="200" placeholder="${t("deadlines.recipientExample")}"></label>
<label>${t("deadlines.field.remindDays")} <input type="number" name="remind_days" min="1" max="60" value="${v.remind_days}"></label>${err("remindDays")}
<button>${t("deadlines.add")}</button></form>`;
}

async function render(ctx: StaffContext, res: Response, staff: Staff, values: FormValues | null, problems: DeadlineProblem[], status = 200): Promise<void> {
  const t = staffT(staff.lang, NS);
  const today = vnDate(new Date());
  const rows = await upcomingDeadlines(ctx.db, deadlineProvinces(staff), today, 200);
  const mayAdd = staff.role === "centre_admin" || staff.role === "province_staff";
  const blank: FormValues = { province_code: staff.role === "province_staff" ? (staff.areaCode ?? "") : "", title: "", due_date: "", data_until: "", recipient: "", remind_days: "7" };
  const body = html`<p>${t("deadlines.intro")}</p>
${rows.length === 0 ? html`<p>${t("deadlines.none")}</p>` : html`<div class="table-wrap"><table><thead><tr><th>${t("deadlines.field.province_code")}</th><th>${t("deadlines.field.title")}</th><th>${t("deadlines.field.dueDate")}</th><th>${t("deadlines.field.dataUntil")}</th><th>${t("deadlines.field.recipient")}</th><th>${t("deadlines.daysLeft")}</th><th></th></tr></thead><tbody>
${rows.map((d) => html`<tr data-deadline="${d.id}"><td>${provinceName(d.provinceCode)}</td><td>${d.title}</td><td>${dmyFull(d.dueDate)}</td><td>${d.dataUntil ? dmyFull(d.dataUntil) : ""}</td><td>${d.recipient ?? ""}</td><td class="num" data-days-left="${daysLeft(d.dueDate, today)}">${daysLeft(d.dueDate, today)}</td>
<td>${canEdit(staff, d.provinceCode) ? html`<form method="post" action="/staff/reports/deadlines/${d.id}/delete" class="inline">${csrfField(staff)}<button>${t("deadlines.remove")}</button></form>` : ""}</td></tr>`)}
</tbody></table></div>`}
${mayAdd ? html`<h2>${t("deadlines.addTitle")}</h2>${form(t, staff, values ?? blank, problems)}` : ""}
<p class="note">${t("deadlines.source")}</p>`;
  res.status(status).type("html").send(page(staffT(staff.lang), staff, t("deadlines.title"), body, { lang: staff.lang, path: "/staff/reports/deadlines" }));
}

export async function showDeadlines(ctx: StaffContext, _req: Request, res: Response): Promise<void> {
  await render(ctx, res, res.locals.staff as Staff, null, []);
}

export async function addDeadline(ctx: StaffContext, req: Request, res: Response): Promise<void> {
  const staff = res.locals.staff as Staff;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const values: FormValues = { province_code: s("province_code").trim(), title: s("title"), due_date: s("due_date"), data_until: s("data_until"), recipient: s("recipient"), remind_days: s("remind_days") };
  const checked = checkDeadline({ ...values }, vnDate(new Date()));
  const problems = [...checked.problems];
  if (!defaultAreas().provincesByCode.has(values.province_code) || !canEdit(staff, values.province_code)) problems.unshift({ field: "province_code", code: "province" });
  if (problems.length > 0 || !checked.value) {
    await render(ctx, res, staff, values, problems, 400);
    return;
  }
  const row = await ctx.db.reportDeadline.create({ data: { ...checked.value, provinceCode: values.province_code, createdBy: staff.id } });
  await audit(ctx.db, staff, "deadline.create", "report_deadline", row.id);
  res.redirect(303, "/staff/reports/deadlines");
}

export async function removeDeadline(ctx: StaffContext, req: Request, res: Response): Promise<void> {
  const staff = res.locals.staff as Staff;
  const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
  const row = Number.isSafeInteger(id) ? await ctx.db.reportDeadline.findUnique({ where: { id } }) : null;
  if (!row || !canEdit(staff, row.provinceCode)) {
    res.status(404).type("html").send(page(staffT(staff.lang), staff, staffT(staff.lang, NS)("deadlines.title"), html`<p><a href="/staff/reports/deadlines">${staffT(staff.lang, NS)("deadlines.back")}</a></p>`, { lang: staff.lang }));
    return;
  }
  await ctx.db.reportDeadline.delete({ where: { id } });
  await audit(ctx.db, staff, "deadline.delete", "report_deadline", id);
  res.redirect(303, "/staff/reports/deadlines");
}
