// The console's home page: what the teams in the staff member's area did in a period.
// Headline numbers carry data-stat/data-value so tests can compare them with the exports.
import type { Request, Response } from "express";
import type { Translate } from "../../i18n.js";
import { CASE_KINDS, EQUIPMENT_CODES, FORMAT_CODES, MATERIAL_CODES, REFERRAL_PLACES, TOPIC_CODES } from "../../flows/report/types.js";
import { reminderCounts, type ReminderCounts } from "./reminder-counts.js";
import type { StaffContext } from "../context.js";
import { html, type Html } from "../html.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import type { Staff } from "../principal.js";
import { aggregateReports, PEOPLE, type Aggregate } from "./aggregate.js";
import { areaChoices } from "./areas.js";
import { barChart, columnChart } from "./charts.js";
import { exportLinks, filterForm, periodLine } from "./filter-form.js";
import { filterQuery, readFilters } from "./filters.js";
import { codeLabel, NS } from "./labels.js";
import { nextCampaignMonth } from "../../broadcasts/calendar.js";
import { countdownLine } from "../countdown.js";
import { deadlineLines } from "./deadlines-page.js";

const num = (n: number) => n.toLocaleString("vi-VN");

function stat(key: string, label: string, value: number, shown: Html | string = num(value), hint?: string): Html {
  return html`<div class="stat"><b data-stat="${key}" data-value="${value}">${shown}</b>${label}${hint ? html`<small>${hint}</small>` : ""}</div>`;
}

/** A two-column table; `key` names rows for tests and scripts (data-key), as data-stat does for the cards. */
function countTable(caption: string, head: [string, string], rows: [string, number, string?][]): Html {
  return html`<div class="table-wrap"><table class="counts"><caption>${caption}</caption><thead><tr><th>${head[0]}</th><th class="num">${head[1]}</th></tr></thead>
<tbody>${rows.map(([label, n, key]) => html`<tr><td>${label}</td><td class="num"${key ? html` data-key="${key}" data-value="${n}"` : ""}>${num(n)}</td></tr>`)}</tbody></table></div>`;
}

/** Topic and format codes in the order of types.ts, then any code the data has that the list lacks. */
function ordered(known: readonly string[], counts: Record<string, number>): string[] {
  return [...known, ...Object.keys(counts).filter((k) => !known.includes(k)).sort()];
}

/** Months for a period up to two years; beyond that, one column per year keeps the chart readable. */
function byMonthOrYear(t: Translate, months: Aggregate["months"]): { long: string; short: string; n: number }[] {
  if (months.length > 24) {
    const years = new Map<string, number>();
    for (const m of months) years.set(m.month.slice(0, 4), (years.get(m.month.slice(0, 4)) ?? 0) + m.sessions);
    return [...years].map(([year, n]) => ({ long: year, short: year, n }));
  }
  return months.map((m) => {
    const [year, month] = m.month.split("-");
    return { long: t("dashboard.monthLabel", { month: Number(month), year }), short: t("dashboard.monthShort", { month: Number(month) }), n: m.sessions };
  });
}

export function dashboardBody(t: Translate, agg: Aggregate): Html {
  const o = agg.overall;
  const pct = o.teams > 0 ? Math.round((o.teamsWithSession / o.teams) * 100) : 0;
  const months = byMonthOrYear(t, agg.months);
  const [chartKey, unitKey] = agg.months.length > 24 ? ["dashboard.chartYears", "dashboard.year"] : ["dashboard.chartMonths", "dashboard.month"];
  const people = PEOPLE.map((k) => ({ label: t(`group.${k}`), value: o[k] }));
  const topics = ordered(TOPIC_CODES, o.topics).map((c) => ({ code: c, label: codeLabel(t, "topic", c), value: o.topics[c] ?? 0 }));
  // The chart shows the topics that happened, most frequent first; the table keeps every topic, zeros included.
  const used = topics.filter((x) => x.value > 0).sort((a, b) => b.value - a.value);
  const chartTopics = used.length > 0 ? used : topics;
  const formats = ordered(FORMAT_CODES, o.formats).map((c): [string, number, string] => [codeLabel(t, "format", c), o.formats[c] ?? 0, `format:${c}`]);
  return html`<div class="cards">
${stat("sessions", t("dashboard.sessions"), o.sessions)}
${stat("total", t("dashboard.people"), o.total)}
${stat("referred", t("dashboard.referred"), o.referred)}
${stat("teamsWithSession", t("dashboard.teams"), o.teamsWithSession, `${t("dashboard.teamsValue", { with: num(o.teamsWithSession), teams: num(o.teams) })} (${pct}%)`, t("dashboard.teamsHint"))}
<span hidden data-stat="teams" data-value="${o.teams}"></span>
</div>
${o.sessions === 0 ? html`<p class="note">${t("dashboard.none")}</p>` : ""}
<div class="charts">
<figure><figcaption>${t(chartKey)}</figcaption>${columnChart("chart-months", t(chartKey), months.map((m) => ({ label: months.length > 6 ? m.short : m.long, value: m.n })))}
${countTable(t(chartKey), [t(unitKey), t("dashboard.sessions")], months.map((m) => [m.long, m.n]))}</figure>
<figure><figcaption>${t("dashboard.chartPeople")}</figcaption>${barChart("chart-people", t("dashboard.chartPeople"), people)}
<div class="table-wrap"><table class="counts"><caption>${t("dashboard.chartPeople")}</caption><thead><tr><th>${t("dashboard.group")}</th><th class="num">${t("dashboard.count")}</th></tr></thead>
<tbody>${PEOPLE.map((k) => html`<tr><td>${t(`group.${k}`)}</td><td class="num" data-stat="${k}" data-value="${o[k]}">${num(o[k])}</td></tr>`)}</tbody></table></div></figure>
<figure><figcaption>${t("dashboard.chartTopics")}</figcaption>${barChart("chart-topics", t("dashboard.chartTopics"), chartTopics)}
${countTable(t("dashboard.chartTopics"), [t("list.topics"), t("dashboard.sessions")], topics.map((x): [string, number, string] => [x.label, x.value, `topic:${x.code}`]))}
<p class="note">${t("dashboard.topicNote")}</p></figure>
<figure><figcaption>${t("dashboard.formats")}</figcaption>${countTable(t("dashboard.formats"), [t("detail.format"), t("dashboard.sessions")], formats)}</figure>
${casesFigure(t, o)}
${resourcesFigure(t, o)}
</div>`;
}

/** Cases detected by kind and referred by place: counts only (never who), from the 2026 form on. */
function casesFigure(t: Translate, o: Aggregate["overall"]): Html {
  const rows = (kind: "case" | "place", codes: readonly string[], counts: Record<string, number>) =>
    ordered(codes, counts).map((c): [string, number, string] => [codeLabel(t, kind, c), counts[c] ?? 0, `${kind}:${c}`]);
  return html`<figure><figcaption>${t("dashboard.cases")}</figcaption>
${countTable(t("dashboard.casesDetected"), [t("dashboard.caseKind"), t("dashboard.caseCount")], rows("case", CASE_KINDS, o.cases))}
${countTable(t("dashboard.casesReferred"), [t("dashboard.place"), t("dashboard.caseCount")], rows("place", REFERRAL_PLACES, o.referredTo))}
<p class="note" data-stat="sessionsAskedCases" data-value="${o.sessionsAskedCases}">${t("dashboard.casesNote", { asked: num(o.sessionsAskedCases), sessions: num(o.sessions) })}</p></figure>`;
}

/** Men as pioneers, equipment and materials: what the seeds ask a session report to record. */
function resourcesFigure(t: Translate, o: Aggregate["overall"]): Html {
  const rows = (kind: "equipment" | "material", codes: readonly string[], counts: Record<string, number>) =>
    ordered(codes, counts).map((c): [string, number, string] => [codeLabel(t, kind, c), counts[c] ?? 0, `${kind}:${c}`]);
  return html`<figure><figcaption>${t("dashboard.resources")}</figcaption>
<div class="table-wrap"><table class="counts"><tbody>
<tr><td>${t("dashboard.menPioneerSessions")}</td><td class="num" data-stat="menPioneerSessions" data-value="${o.menPioneerSessions}">${num(o.menPioneerSessions)}</td></tr>
<tr><td>${t("dashboard.materials")}</td><td class="num" data-stat="materials" data-value="${o.materials}">${num(o.materials)}</td></tr>
</tbody></table></div>
${countTable(t("dashboard.equipment"), [t("dashboard.equipmentKind"), t("dashboard.sessions")], rows("equipment", EQUIPMENT_CODES, o.equipment))}
${countTable(t("dashboard.materialKinds"), [t("dashboard.materialKind"), t("dashboard.sessions")], rows("material", MATERIAL_CODES, o.materialKinds))}</figure>`;
}

/** "Nhắc báo cáo quý này: 12 đã đến tổ trưởng · 30 không gửi được (ngoài cửa sổ: 28, …)". */
function reminderLine(t: Translate, r: ReminderCounts): Html {
  const notSent = Object.values(r.notSent).reduce((a, b) => a + b, 0);
  const reasons = Object.entries(r.notSent).map(([k, n]) => `${t(`dashboard.reminders.reason.${k}`, { defaultValue: k })}: ${n}`).join(", ");
  return html`<p class="reminders" data-reminders-sent="${r.sent}" data-reminders-not-sent="${notSent}">${t("dashboard.reminders.line", { sent: r.sent, notSent, waiting: r.waiting })}${reasons ? html` (${reasons})` : ""} · <a href="/staff/teams#missing-reports">${t("dashboard.reminders.link")}</a></p>`;
}

export async function showDashboard(ctx: StaffContext, req: Request, res: Response): Promise<void> {
  const staff = res.locals.staff as Staff;
  const t = staffT(staff.lang, NS);
  const f = readFilters(req.query, staff);
  const [agg, choices, reminders, deadlines] = await Promise.all([aggregateReports(ctx.db, staff, f), areaChoices(ctx.db, staff), reminderCounts(ctx.db, staff), deadlineLines(ctx.db, t, staff, new Date())]);
  // The next campaign month, counted down on the console's home page.
  const body = html`${countdownLine(staffT(staff.lang), staff, nextCampaignMonth(new Date()))}${deadlines}${filterForm(t, staff, f, { action: req.path === "/" ? "/staff" : "/staff/reports/dashboard", choices })}
<p class="period"><strong>${periodLine(t, staff, f)}</strong> · <a href="/staff/reports${filterQuery(f)}">${t("dashboard.toList")}</a></p>
${dashboardBody(t, agg)}
${reminderLine(t, reminders)}
${exportLinks(t, f)}`;
  res.type("html").send(page(staffT(staff.lang), staff, t("dashboard.title"), body, { lang: staff.lang, path: "/staff" }));
}
