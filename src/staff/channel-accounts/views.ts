// The accounts pages: the list with each account's health, the add forms (one per platform,
// fields from the platform's credential settings), and one account's page with its actions.
import type { ChannelSettings } from "../../config.js";
import { defaultAreas } from "../../areas/index.js";
import { credentialFields, type AccountRecord } from "../../accounts/store.js";
import type { Translate } from "../../i18n.js";
import { html, type Html } from "../html.js";
import { csrfField } from "../layout.js";
import type { Staff } from "../principal.js";
import type { AccountProblem, AddForm } from "./forms.js";

export interface AccountView {
  row: AccountRecord;
  /** An auth pause the outbox set (ChannelState), with its reason. */
  authPause: string | null;
  running: boolean;
}

const when = (t: Translate, d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : t("never"));

export function areaName(t: Translate, code: string | null): string {
  return code ? (defaultAreas().provincesByCode.get(code)?.name ?? code) : t("national");
}

export function statusText(t: Translate, v: AccountView): string {
  if (!v.running) return t("status.notRunning");
  if (v.row.status === "paused") return t("status.paused", { reason: v.row.pausedReason ?? "" });
  if (v.authPause?.startsWith("rate_limited")) return t("status.slowed", { reason: v.authPause });
  if (v.authPause) return t("status.authPaused", { reason: v.authPause });
  return t("status.active");
}

const platformName = (t: Translate, platform: string) => t(`staff-handover:channel.${platform}`, { defaultValue: platform });

function problemFor(t: Translate, problems: AccountProblem[], field: string): Html {
  const p = problems.find((x) => x.field === field);
  return p ? html`<span class="field-error" id="err-${field}">${t(`problem.${p.code}`, p.vars ?? {})}</span>` : html``;
}

function input(t: Translate, name: string, value: string, problems: AccountProblem[], opts: { label?: string; secret?: boolean; required?: boolean } = {}): Html {
  const bad = problems.some((p) => p.field === name);
  return html`<label>${opts.label ?? t(`field.${name}`)}<input name="${name}" value="${value}"${opts.secret ? html` type="password" autocomplete="off"` : ""}${opts.required ? html` required` : ""}${bad ? html` aria-invalid="true" aria-describedby="err-${name}"` : ""}></label>${problemFor(t, problems, name)}`;
}

function provinceSelect(t: Translate, selected: string, problems: AccountProblem[]): Html {
  const provinces = [...defaultAreas().provinces].sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return html`<label>${t("field.province_code")}<select name="province_code"><option value="">${t("national")}</option>${provinces.map(
    (p) => html`<option value="${p.code}"${p.code === selected ? html` selected` : ""}>${p.name} · ${p.code}</option>`,
  )}</select></label>${problemFor(t, problems, "province_code")}`;
}

export function listPage(t: Translate, staff: Staff, views: AccountView[], platforms: readonly ChannelSettings[], keyReady: boolean, form: { value: AddForm | null; problems: AccountProblem[] }, notice: string): Html {
  const rows = views.map(
    (v) => html`<tr><td><a href="/staff/accounts/${v.row.id}">${v.row.name}</a></td><td>${platformName(t, v.row.platform)}</td><td>${v.row.externalId ?? ""}</td><td>${areaName(t, v.row.provinceCode)}</td>
<td>${statusText(t, v)}</td><td>${when(t, v.row.lastWebhookAt)}</td><td>${when(t, v.row.lastSendAt)}</td><td>${t(`source.${v.row.source}`)}</td></tr>`,
  );
  const addForms = platforms.map((p) => {
    const mine = form.value?.platform === p.id ? form : { value: null, problems: [] };
    const f = mine.value;
    return html`<section><h2>${t("add.title", { platform: platformName(t, p.id) })}</h2>
<form method="post" action="/staff/accounts" class="stack">${csrfField(staff)}<input type="hidden" name="platform" value="${p.id}">
${input(t, "external_id", f?.external_id ?? "", mine.problems, { required: true })}${input(t, "name", f?.name ?? "", mine.problems, { required: true })}${provinceSelect(t, f?.province_code ?? "", mine.problems)}
<p class="hint">${t("add.credentialsHint")}</p>
${credentialFields(p).map((c) => input(t, c, f?.credentials[c] ?? "", mine.problems, { label: c, secret: true }))}
${problemFor(t, mine.problems, "credentials")}
<button type="submit"${keyReady ? "" : html` disabled`}>${t("add.submit")}</button></form></section>`;
  });
  return html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}<p>${t("intro")}</p>
${keyReady ? "" : html`<p class="warning" role="alert">${t("noKey")}</p>`}
<table><thead><tr><th>${t("col.name")}</th><th>${t("col.platform")}</th><th>${t("col.externalId")}</th><th>${t("col.area")}</th><th>${t("col.status")}</th><th>${t("col.lastWebhook")}</th><th>${t("col.lastSend")}</th><th>${t("col.source")}</th></tr></thead>
<tbody>${rows}</tbody></table>${addForms}`;
}

export function detailPage(t: Translate, staff: Staff, v: AccountView, reauthFields: readonly string[], problems: AccountProblem[], notice: string, values: Record<string, string> = {}): Html {
  const id = v.row.id;
  const form = (action: string, body: Html, submit: string) => html`<form method="post" action="/staff/accounts/${id}/${action}" class="stack">${csrfField(staff)}${body}<button type="submit">${submit}</button></form>`;
  const pauseOrResume =
    v.row.status === "paused"
      ? form("resume", html``, t("detail.resume"))
      : form("pause", html`<p class="hint">${t("detail.pauseHint")}</p>${input(t, "reason", values.reason ?? "", problems, { required: true })}`, t("detail.pause"));
  return html`<p><a href="/staff/accounts">${t("detail.back")}</a></p>${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<dl><dt>${t("col.platform")}</dt><dd>${platformName(t, v.row.platform)}</dd><dt>${t("col.externalId")}</dt><dd>${v.row.externalId ?? ""}</dd>
<dt>${t("col.status")}</dt><dd>${statusText(t, v)}</dd><dt>${t("col.lastWebhook")}</dt><dd>${when(t, v.row.lastWebhookAt)}</dd><dt>${t("col.lastSend")}</dt><dd>${when(t, v.row.lastSendAt)}</dd><dt>${t("col.source")}</dt><dd>${t(`source.${v.row.source}`)}</dd></dl>
<section><h2>${t("detail.edit")}</h2>${form("edit", html`${input(t, "name", values.name ?? v.row.name, problems, { required: true })}${provinceSelect(t, values.province_code ?? v.row.provinceCode ?? "", problems)}`, t("detail.save"))}</section>
<section><h2>${v.row.status === "paused" ? t("detail.resume") : t("detail.pause")}</h2>${pauseOrResume}</section>
${reauthFields.length > 0 ? html`<section><h2>${t("detail.reauth")}</h2><p class="hint">${t("detail.reauthHint")}</p>${form("reauth", html`${reauthFields.map((f) => input(t, f, "", problems, { secret: true }))}${problemFor(t, problems, "reauth")}`, t("detail.reauthSubmit"))}</section>` : ""}
<section><h2>${t("detail.test")}</h2><p class="hint">${t("detail.testHint")}</p>${form("test", input(t, "user_id", values.user_id ?? "", problems, { required: true }), t("detail.testSubmit"))}</section>`;
}
