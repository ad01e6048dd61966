// The filter form at the top of the dashboard and the report list: a plain GET form, so it
// works without script and the result is a shareable link.
import type { Translate } from "../../i18n.js";
import { dmyFull, quarterOf } from "../../flows/report/quarter.js";
import { TOPIC_CODES } from "../../flows/report/types.js";
import { areaOf } from "../../areas/index.js";
import { html, type Html } from "../html.js";
import type { Staff } from "../principal.js";
import { communeName, provinceName, type ProvinceChoice } from "./areas.js";
import { filterQuery, type ReportFilters } from "./filters.js";

export interface TeamChoice {
  id: number;
  name: string;
  active: boolean;
}

export interface FormOptions {
  action: string;
  choices: ProvinceChoice[];
  /** The report list also filters by topic and team; the dashboard does not. */
  teams?: TeamChoice[];
}

/** How the whole of the staff member's area is called ("Tất cả các tỉnh", "Toàn tỉnh Điện Biên", "Quài Tở"). */
function wholeArea(t: Translate, staff: Staff): string {
  if (staff.role === "centre_admin") return t("filter.allAreas");
  if (staff.role === "province_staff") return t("filter.wholeProvince", { name: provinceName(staff.areaCode ?? "") });
  return communeName(staff.areaCode ?? "");
}

/** The chosen area in words, e.g. "Quài Tở, Điện Biên". */
export function areaLabel(t: Translate, staff: Staff, area: string): string {
  if (!area) return wholeArea(t, staff);
  const { communeCode, provinceCode } = areaOf(area);
  if (!communeCode) return t("filter.wholeProvince", { name: provinceName(area) });
  return provinceCode ? `${communeName(communeCode)}, ${provinceName(provinceCode)}` : communeName(communeCode);
}

export function periodLine(t: Translate, staff: Staff, f: ReportFilters): string {
  return t("filter.summary", { from: dmyFull(f.from), to: dmyFull(f.to), area: areaLabel(t, staff, f.area) });
}

function areaSelect(t: Translate, staff: Staff, f: ReportFilters, choices: ProvinceChoice[]): Html {
  const opt = (code: string, label: string) => html`<option value="${code}"${f.area === code ? html` selected` : ""}>${label}</option>`;
  let options: Html[];
  if (staff.role === "centre_admin") {
    options = choices.map((p) => html`<optgroup label="${p.name}">${opt(p.code, t("filter.wholeProvince", { name: p.name }))}${p.communes.map((c) => opt(c.code, c.name))}</optgroup>`);
  } else if (staff.role === "province_staff") {
    options = choices.flatMap((p) => p.communes.map((c) => opt(c.code, c.name)));
  } else {
    options = [];
  }
  return html`<label>${t("filter.area")}<select name="area">${opt("", wholeArea(t, staff))}${options}</select></label>`;
}

export function filterForm(t: Translate, staff: Staff, f: ReportFilters, opts: FormOptions, now = new Date()): Html {
  const current = quarterOf(now);
  const previous = quarterOf(new Date(Date.parse(`${current.start}T00:00:00Z`) - 86_400_000));
  const quick = (label: string, q: { start: string; end: string }) => html`<a href="${opts.action}${filterQuery(f, { from: q.start, to: q.end, page: 1 })}">${label}</a>`;
  const topicSelect = opts.teams
    ? html`<label>${t("filter.topic")}<select name="topic"><option value="">${t("filter.all")}</option>${TOPIC_CODES.map(
        (c) => html`<option value="${c}"${f.topic === c ? html` selected` : ""}>${t(`report:topic.${c}`)}</option>`,
      )}</select></label>
<label>${t("filter.team")}<select name="team"><option value="">${t("filter.all")}</option>${opts.teams.map(
        (tm) => html`<option value="${tm.id}"${f.teamId === tm.id ? html` selected` : ""}>${tm.active ? tm.name : t("filter.inactive", { name: tm.name })}</option>`,
      )}</select></label>`
    : "";
  return html`<form method="get" action="${opts.action}" class="filters" aria-label="${t("filter.label")}">
<label>${t("filter.from")}<input type="date" name="from" value="${f.from}" required></label>
<label>${t("filter.to")}<input type="date" name="to" value="${f.to}" required></label>
${areaSelect(t, staff, f, opts.choices)}${topicSelect}
<button type="submit">${t("filter.submit")}</button></form>
<p class="quick">${t("filter.quick")} ${quick(t("filter.thisQuarter"), current)} · ${quick(t("filter.lastQuarter"), previous)}</p>`;
}

/** The four export links for the current filters. */
export function exportLinks(t: Translate, f: ReportFilters): Html {
  const q = filterQuery(f, { page: 1 });
  return html`<p class="exports"><strong>${t("export.title")}:</strong>
<a class="button" href="/staff/reports/export.csv${q}" download>${t("export.rawCsv")}</a>
<a class="button" href="/staff/reports/export.xlsx${q}" download>${t("export.rawXlsx")}</a>
<a class="button" href="/staff/reports/export.csv${q}&amp;kind=aggregate" download>${t("export.aggregateCsv")}</a>
<a class="button" href="/staff/reports/export.xlsx${q}&amp;kind=aggregate" download>${t("export.aggregateXlsx")}</a>
<a class="button" href="/staff/reports/export.docx${q}" download>${t("export.upwardDocx")}</a></p>`;
}
