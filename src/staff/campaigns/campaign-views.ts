// The new-campaign form and a campaign's page: what it says, to whom, and the eligibility
// preview in words ("Zalo: 412 gửi được ngay (miễn phí) · 37 trong cửa sổ trả phí · …").
import type { Preview, PlatformTotals } from "../../broadcasts/audience.js";
import { defaultAreas } from "../../areas/index.js";
import type { Translate } from "../../i18n.js";
import { html, type Html } from "../html.js";
import { csrfField } from "../layout.js";
import type { Staff } from "../principal.js";
import type { CampaignForm, FormProblem } from "./campaign-form.js";
import { renderCampaign, type CampaignContent } from "../../broadcasts/messages.js";
import { defaultTopics } from "../../content/topics.js";
import { availableLanguages } from "../../i18n.js";

/** People in a paid window (Zalo 48 h–7 d) in the preview: what an approval of paid sends would cost. */
export function paidCount(preview: Preview | null): number {
  return preview ? Object.values(preview.platforms).reduce((s, p) => s + p.needsApproval, 0) : 0;
}

/** The messages as Vietnamese and English readers get them (the stop line and the buttons included). */
export function messageBlocks(t: Translate, content: CampaignContent): Html {
  const block = (lang: string) => {
    const r = renderCampaign(content, lang);
    return html`<div class="campaign-message" lang="${lang}" data-lang="${lang}">${r.texts.map((text) => html`<blockquote>${text}</blockquote>`)}${r.choices.length > 0 ? html`<p class="buttons">${r.choices.map((c) => html`<span class="button-like">${c.title}</span> `)}</p>` : ""}</div>`;
  };
  return html`${block("vi")}${content.messages.some((m) => m.en || m.topic) ? html`<details><summary>${t("detail.inEnglish")}</summary>${block("en")}</details>` : ""}`;
}

const SKIP_ORDER = ["outside_window", "never_messaged", "opted_out", "unreachable", "duplicate_in_campaign"] as const;
const DEFER_ORDER = ["quiet_hours", "frequency_cap"] as const;
const n = (x: number) => x.toLocaleString("vi-VN");
const platformName = (t: Translate, p: string) => t(`staff-handover:channel.${p}`, { defaultValue: p });

/** One platform's line of the preview, largest groups as the policy table names them. */
export function previewLine(t: Translate, platform: string, p: PlatformTotals): string {
  const parts = [t("preview.sendNow", { n: n(p.sendNow) })];
  if (p.needsApproval > 0) parts.push(t("preview.paid", { n: n(p.needsApproval) }));
  // In the order of the policy table, whatever order the people came in.
  for (const reason of SKIP_ORDER) if (p.skipped[reason]) parts.push(t(`preview.skipped.${reason}`, { n: n(p.skipped[reason]!) }));
  for (const reason of DEFER_ORDER) if (p.deferred[reason]) parts.push(t(`preview.deferred.${reason}`, { n: n(p.deferred[reason]!) }));
  if (p.held > 0) parts.push(t("preview.held", { n: n(p.held) }));
  return `${platformName(t, platform)}: ${parts.join(" · ")}`;
}

export function previewBlock(t: Translate, preview: Preview, id?: number): Html {
  return html`<section class="preview"><h2>${t("preview.title")}</h2><p>${t("preview.total", { n: n(preview.total) })}</p>
<ul>${Object.entries(preview.platforms).map(([platform, p]) => html`<li data-platform="${platform}" data-send-now="${p.sendNow}">${previewLine(t, platform, p)}</li>`)}</ul>
${Object.entries(preview.platforms).filter(([, p]) => p.closingSoon > 0).map(([platform, p]) => html`<p class="warning" data-closing-soon="${platform}">${platformName(t, platform)}: ${t("preview.closingSoon", { n: n(p.closingSoon) })}</p>`)}
${id !== undefined ? html`<p class="exports"><a class="button" href="/staff/campaigns/${id}/preview.csv" download>CSV</a> <a class="button" href="/staff/campaigns/${id}/preview.xlsx" download>XLSX</a></p>` : ""}
<details><summary>${t("preview.sample")}</summary><ul>${preview.sample.map((s) => html`<li>${platformName(t, s.channel)} ${s.user}: ${s.decision}</li>`)}</ul></details>
<p class="hint">${t("preview.note")}</p></section>`;
}

function field(t: Translate, problems: FormProblem[], name: string, control: Html, label = t(`field.${name}`)): Html {
  const p = problems.find((x) => x.field === name);
  return html`<label>${label}${control}</label>${p ? html`<span class="field-error" id="err-${name}">${t(`problem.${p.code}`)}</span>` : ""}`;
}

/** A field the form does not show (the staff member's own area) can still be wrong: say so. */
function hiddenProblem(t: Translate, problems: FormProblem[], name: string): Html {
  const p = problems.find((x) => x.field === name);
  return p ? html`<p class="field-error" id="err-${name}" role="alert">${t(`field.${name}`)}: ${t(`problem.${p.code}`)}</p>` : html``;
}

const check = (name: string, value: string, on: boolean, label: string) => html`<label class="inline"><input type="checkbox" name="${name}" value="${value}"${on ? html` checked` : ""}> ${label}</label>`;

const invalid = (problems: FormProblem[], name: string) => (problems.some((p) => p.field === name) ? html` aria-invalid="true" aria-describedby="err-${name}"` : html``);

export function newCampaignForm(t: Translate, staff: Staff, f: CampaignForm, platforms: string[], problems: FormProblem[]): Html {
  const areas = defaultAreas();
  const provinces = [...areas.provinces].sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const communes = staff.role === "commune_staff" ? [] : f.province_code ? (areas.provincesByCode.get(f.province_code)?.communes ?? []) : [];
  const input = (name: keyof CampaignForm, attrs: Html = html``) => html`<input name="${name}" value="${String(f[name])}"${attrs}${invalid(problems, name)}>`;
  return html`<form method="post" action="/staff/campaigns/new" class="stack">${csrfField(staff)}<input type="hidden" name="entry_id" value="${f.entry_id}">
${field(t, problems, "name", input("name", html` required maxlength="120"`))}
${field(t, problems, "topic", html`<select name="topic"${invalid(problems, "topic")}><option value="">${t("form.noTopic")}</option>${defaultTopics().map((tp) => html`<option value="${tp.id}"${tp.id === f.topic ? html` selected` : ""}>${tp.title.vi}</option>`)}</select>`)}
${field(t, problems, "message_vi", html`<textarea name="message_vi" rows="5" maxlength="1500"${invalid(problems, "message_vi")}>${f.message_vi}</textarea>`)}
${field(t, problems, "message_en", html`<textarea name="message_en" rows="3" maxlength="1500"${invalid(problems, "message_en")}>${f.message_en}</textarea>`)}
${field(t, problems, "buttons", html`<textarea name="buttons" rows="3"${invalid(problems, "buttons")}>${f.buttons}</textarea>`)}<small>${t("form.buttonsHint")}</small>
<p class="hint">${t("form.stopLine")}</p>
<fieldset><legend>${t("field.platforms")}</legend>${platforms.map((p) => html`<label class="inline"><input type="checkbox" name="platforms" value="${p}"${f.platforms.includes(p) ? html` checked` : ""}> ${platformName(t, p)}</label>`)}<small>${t("form.platformsHint")}</small></fieldset>
${staff.role === "commune_staff" ? html`<input type="hidden" name="commune_code" value="${f.commune_code}">${hiddenProblem(t, problems, "commune_code")}<p>${t("form.yourCommune", { name: areas.communesByCode.get(f.commune_code)?.name ?? f.commune_code })}</p>`
  : html`${staff.role === "centre_admin" ? field(t, problems, "province_code", html`<select name="province_code"${invalid(problems, "province_code")}><option value="">${t("form.allProvinces")}</option>${provinces.map((p) => html`<option value="${p.code}"${p.code === f.province_code ? html` selected` : ""}>${p.name}</option>`)}</select>`) : html`<input type="hidden" name="province_code" value="${f.province_code}">${hiddenProblem(t, problems, "province_code")}`}
${field(t, problems, "commune_code", html`<select name="commune_code"${invalid(problems, "commune_code")}><option value="">${t("form.wholeArea")}</option>${communes.map((c) => html`<option value="${c.code}"${c.code === f.commune_code ? html` selected` : ""}>${c.name}</option>`)}</select>`)}`}
${field(t, problems, "who", html`<select name="who">${["villagers", "team_leaders", "all"].map((w) => html`<option value="${w}"${w === f.who ? html` selected` : ""}>${t(`who.${w}`)}</option>`)}</select>`)}
<label class="inline"><input type="checkbox" name="subscribed_only" value="1"${f.subscribed_only ? html` checked` : ""}> ${t("field.subscribed_only")}</label>
<fieldset><legend>${t("field.languages")}</legend>${availableLanguages().map((l) => check("languages", l, f.languages.includes(l), t(`language.${l}`, { defaultValue: l })))}<small>${t("form.languagesHint")}</small>${problems.some((p) => p.field === "languages") ? html`<span class="field-error" id="err-languages">${t("problem.unknownLanguage")}</span>` : ""}</fieldset>
${field(t, problems, "poster_code", input("poster_code", html` maxlength="8" size="8" autocapitalize="characters"`))}<small>${t("form.posterCodeHint")}</small>
${field(t, problems, "start_at", input("start_at", html` type="datetime-local" required`))}
${field(t, problems, "quiet_from", input("quiet_from", html` inputmode="numeric" size="2"`))}${field(t, problems, "quiet_to", input("quiet_to", html` inputmode="numeric" size="2"`))}
${field(t, problems, "per_day", input("per_day", html` inputmode="numeric" size="1"`))}${field(t, problems, "per_week", input("per_week", html` inputmode="numeric" size="2"`))}
${field(t, problems, "rounds", input("rounds", html` inputmode="numeric" size="1"`))}${field(t, problems, "repeat_days", input("repeat_days", html` inputmode="numeric" size="2"`))}<small>${t("form.repeatHint")}</small>
<fieldset><legend>${t("form.paidLegend")}</legend>${check("paid_allowed", "1", f.paid_allowed, t("field.paid_allowed"))}
${field(t, problems, "paid_price", input("paid_price", html` inputmode="numeric" size="6"`))}<small>${t("form.paidHint")}</small></fieldset>
${problems.some((p) => p.field === "audience") ? html`<p class="field-error" id="err-audience" role="alert">${t("problem.emptyAudience")}</p>` : ""}
<button type="submit">${t("form.create")}</button></form>`;
}
