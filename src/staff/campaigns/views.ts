// The campaign calendar page and the countdown line the dashboard shows.
import type { CampaignTheme } from "../../db/client.js";
import { nextCampaignMonth, yearCalendar, type Occurrence } from "../../broadcasts/calendar.js";
import { countdownLine } from "../countdown.js";
import { dmyFull } from "../../flows/report/quarter.js";
import type { Translate } from "../../i18n.js";
import { html, type Html } from "../html.js";
import { csrfField } from "../layout.js";
import type { Staff } from "../principal.js";

const lang = (staff: Staff) => (staff.lang === "en" ? "en" : "vi");

export type ThemeProblem = { field: string; code: string };

/** A campaign is seen by whoever may see its area; a national one by the centre only. */
export function canSeeCampaign(staff: Staff, c: { provinceCode: string | null; communeCode: string | null }): boolean {
  if (staff.role === "centre_admin") return true;
  if (!c.provinceCode && !c.communeCode) return false;
  if (staff.role === "province_staff") return c.provinceCode === staff.areaCode;
  return c.communeCode === staff.areaCode;
}

/** The campaigns a staff member may read: her area's (the centre: all; a national one: the centre only). */
export function campaignScope(staff: Staff): { provinceCode?: string; communeCode?: string } {
  if (staff.role === "centre_admin") return {};
  if (!staff.areaCode) return { communeCode: "\u0000none" };
  return staff.role === "province_staff" ? { provinceCode: staff.areaCode } : { communeCode: staff.areaCode };
}

export function campaignList(t: Translate, rows: { id: number; name: string; status: string; startAt: Date }[]): Html {
  return html`<section><h2>${t("list.title")}</h2><p><a class="button" href="/staff/campaigns/new">${t("list.new")}</a></p>
${rows.length === 0 ? html`<p>${t("list.none")}</p>` : html`<ul>${rows.map((c) => html`<li><a href="/staff/campaigns/${c.id}">${c.name}</a> · ${t(`status.${c.status}`)} · ${dmyFull(new Date(c.startAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10))}</li>`)}</ul>`}</section>`;
}

function themeForm(t: Translate, staff: Staff, o: Occurrence, theme: CampaignTheme | undefined, problems: ThemeProblem[], typed?: { vi: string; en: string }): Html {
  const err = (f: string) => {
    const p = problems.find((x) => x.field === f);
    return p ? html`<span class="field-error" id="err-${f}-${o.entry.id}">${t(`problem.${p.code}`)}</span>` : html``;
  };
  const bad = (f: string) => (problems.some((x) => x.field === f) ? html` aria-invalid="true" aria-describedby="err-${f}-${o.entry.id}"` : html``);
  return html`<form method="post" action="/staff/campaigns/theme" class="stack">${csrfField(staff)}<input type="hidden" name="entry_id" value="${o.entry.id}"><input type="hidden" name="year" value="${o.year}">
<label>${t("theme.vi")}<input name="theme_vi" maxlength="200" value="${typed?.vi ?? theme?.themeVi ?? ""}"${bad("theme_vi")}></label>${err("theme_vi")}
<label>${t("theme.en")}<input name="theme_en" maxlength="200" value="${typed?.en ?? theme?.themeEn ?? ""}"${bad("theme_en")}></label>${err("theme_en")}
<button type="submit">${t("theme.save")}</button></form>`;
}

export function calendarPage(t: Translate, staff: Staff, year: number, themes: CampaignTheme[], now: Date, opts: { notice?: string; problems?: { entryId: string; list: ThemeProblem[]; typed: { vi: string; en: string } } } = {}): Html {
  const themeOf = (o: Occurrence) => themes.find((x) => x.entryId === o.entry.id && x.year === o.year);
  const admin = staff.role === "centre_admin";
  const rows = yearCalendar(year).map((o) => {
    const theme = themeOf(o);
    const mine = opts.problems?.entryId === o.entry.id ? opts.problems : undefined;
    const dates = o.from === o.to ? dmyFull(o.from) : `${dmyFull(o.from)} – ${dmyFull(o.to)}`;
    return html`<tr id="entry-${o.entry.id}"><td>${dates}</td><td><strong>${o.entry.name[lang(staff)]}</strong> <small>(${t(`calendar.${o.entry.kind}`)})</small></td>
<td>${o.entry.legal_basis ?? ""}<br><small>${t("calendar.source")}: ${o.entry.source.map((s) => s.url ?? s.seed ?? s.doc).join("; ")}</small></td>
<td>${theme ? html`<span class="theme">${lang(staff) === "en" && theme.themeEn ? theme.themeEn : theme.themeVi}</span>` : html`<em>${t("calendar.noTheme")}</em>`}
${admin && o.entry.kind === "month" ? themeForm(t, staff, o, theme, mine?.list ?? [], mine?.typed) : ""}
${o.entry.kind === "month" ? html`<p><a href="/staff/campaigns/new?entry=${o.entry.id}">${t("list.fromEntry")}</a></p>` : ""}</td></tr>`;
  });
  return html`${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ""}${countdownLine(t, staff, nextCampaignMonth(now))}
<h2>${t("calendar.title", { year })}</h2>${admin ? html`<p class="hint">${t("theme.hint")}</p>` : ""}
<div class="table-wrap"><table><thead><tr><th>${t("calendar.date")}</th><th>${t("calendar.event")}</th><th>${t("calendar.basis")}</th><th>${t("calendar.theme", { year })}</th></tr></thead><tbody>${rows}</tbody></table></div>
<p><a href="/staff/campaigns?year=${year + 1}">${t("calendar.otherYear", { year: year + 1 })}</a> · <a href="/staff/campaigns?year=${year - 1}">${t("calendar.otherYear", { year: year - 1 })}</a></p>`;
}
