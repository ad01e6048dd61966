// The report list: filters in the query string, 50 a page, newest session first.
import type { Request, Response } from "express";
import { dmyFull } from "../../flows/report/quarter.js";
import type { StaffContext } from "../context.js";
import { html } from "../html.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import type { Staff } from "../principal.js";
import { areaChoices, communeName, provinceName } from "./areas.js";
import { exportLinks, filterForm, periodLine } from "./filter-form.js";
import { filterQuery, readFilters, teamChoiceWhere } from "./filters.js";
import { codeLabels, NS } from "./labels.js";
import { listReports } from "./query.js";

export async function showList(ctx: StaffContext, req: Request, res: Response): Promise<void> {
  const staff = res.locals.staff as Staff;
  const t = staffT(staff.lang, NS);
  const f = readFilters(req.query, staff);
  const [list, choices, teams] = await Promise.all([
    listReports(ctx.db, staff, f),
    areaChoices(ctx.db, staff),
    ctx.db.team.findMany({ where: teamChoiceWhere(staff, f), select: { id: true, name: true, active: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  const current = Math.min(f.page, list.pages);
  const rows = list.rows.map(
    (r) => html`<tr><td><a href="/staff/reports/${r.id}">${r.reference}</a></td><td>${dmyFull(r.sessionDate)}</td>
<td>${communeName(r.communeCode)}, ${provinceName(r.provinceCode)}<br><small>${r.village}</small></td><td data-label="${t("list.team")}">${r.teamName}</td>
<td data-label="${t("list.topics")}">${codeLabels(t, "topic", r.topics).join(", ")}</td><td class="num" data-label="${t("list.people")}">${r.total.toLocaleString("vi-VN")}</td></tr>`,
  );
  const pager =
    list.pages > 1
      ? html`<nav class="pager" aria-label="${t("list.pages")}">${current > 1 ? html`<a href="/staff/reports${filterQuery(f, { page: current - 1 })}" rel="prev">${t("list.prev")}</a>` : ""}
<span>${t("list.page", { page: current, pages: list.pages })}</span>${current < list.pages ? html`<a href="/staff/reports${filterQuery(f, { page: current + 1 })}" rel="next">${t("list.next")}</a>` : ""}</nav>`
      : "";
  const body = html`${filterForm(t, staff, f, { action: "/staff/reports", choices, teams })}
<p class="period"><strong>${periodLine(t, staff, f)}</strong> · <span data-count="${list.count}">${t("list.count", { count: list.count })}</span></p>
${list.count === 0
    ? html`<p class="note">${t("list.none")}</p>`
    : html`<div class="table-wrap"><table class="reports"><thead><tr><th>${t("list.reference")}</th><th>${t("list.date")}</th><th>${t("list.area")}</th><th>${t("list.team")}</th><th>${t("list.topics")}</th><th class="num">${t("list.people")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>${pager}`}
${exportLinks(t, f)}`;
  res.type("html").send(page(staffT(staff.lang), staff, t("list.title"), body, { lang: staff.lang, path: "/staff/reports" }));
}
