// The teams pages' markup: the list (members per channel, invite code, last report date)
// and the create form. Invite codes appear only here, to staff of the team's own area.
import type { Translate } from "../../i18n.js";
import type { TeamRow } from "../../flows/team/membership.js";
import { html, type Html } from "../html.js";
import { csrfField } from "../layout.js";
import type { Staff } from "../principal.js";
import { communeName, communeSelect, fieldError } from "./shared.js";

export type TeamListItem = TeamRow & { inviteCode: string | null; members: Record<string, number>; lastReport: string | null };
export type TeamForm = { name: string; commune_code: string; villages: string };

/** `channels`: the member columns, in order (the channels this server runs, then any others members are on). */
export function teamList(t: Translate, staff: Staff, teams: TeamListItem[], changed: string, channels: { id: string; label: string }[]): Html {
  const actions = (team: TeamListItem) => {
    if (!team.active) return html``;
    const button = (action: string, cls = "secondary") =>
      html`<form method="post" action="/staff/teams/${team.id}/${action}" class="inline">${csrfField(staff)}<button class="${cls}">${t(`teams.${action}`)}</button></form>`;
    return html`${button("reissue", "")}${team.inviteCode ? button("revoke") : ""}${button("deactivate")}`;
  };
  return html`${changed ? html`<p class="ok" role="status">${t("saved")}</p>` : ""}
<p class="actions"><a class="button" href="/staff/teams/new">${t("teams.add")}</a></p>
${teams.length === 0 ? html`<p>${t("teams.empty")}</p>` : html`<div class="table-wrap"><table class="teams stack"><thead><tr>
<th>${t("teams.name")}</th><th>${t("col.commune")}</th><th>${t("teams.villages")}</th><th>${t("teams.members")}</th><th>${t("teams.code")}</th><th>${t("teams.lastReport")}</th><th>${t("col.actions")}</th></tr></thead><tbody>
${teams.map(
  (team) => html`<tr id="team-${team.id}"${team.active ? "" : html` class="inactive"`}><td data-label="${t("teams.name")}">${team.name}${team.active ? "" : html`<br><small>${t("teams.inactive")}</small>`}</td>
<td data-label="${t("col.commune")}">${communeName(team.communeCode)}</td><td data-label="${t("teams.villages")}">${team.villages.join(", ")}</td>
<td data-label="${t("teams.members")}">${channels.map((c) => html`<span class="nowrap">${t(`teams.channel.${c.id}`, { defaultValue: c.label })}: ${team.members[c.id] ?? 0}</span> `)}</td>
<td data-label="${t("teams.code")}">${team.active && team.inviteCode ? html`<b class="invite">${team.inviteCode}</b>` : html`<small>${t("teams.noCode")}</small>`}</td>
<td data-label="${t("teams.lastReport")}">${team.lastReport ?? html`<small>${t("teams.never")}</small>`}</td><td class="row-actions">${actions(team)}</td></tr>`,
)}</tbody></table></div>`}`;
}

/**
 * The active teams with no session report this quarter: reminders reach only leaders who wrote
 * lately, so staff remind the others themselves. Each has its leader accounts (a count per
 * channel: the bot holds no phone numbers) and a message, in Vietnamese, ready to copy into the commune's Zalo group.
 */
export function missingReports(t: Translate, tVi: Translate, teams: TeamListItem[], quarter: { q: number; year: number; end: string }, channels: { id: string; label: string }[]): Html {
  if (teams.length === 0) return html`<section id="missing-reports"><h2>${t("teams.missing.title", { q: quarter.q, year: quarter.year })}</h2><p>${t("teams.missing.none")}</p></section>`;
  return html`<section id="missing-reports"><h2>${t("teams.missing.title", { q: quarter.q, year: quarter.year })}</h2><p class="hint">${t("teams.missing.intro")}</p>
<ul>${teams.map((team) => {
    const leaders = channels.map((c) => `${t(`teams.channel.${c.id}`, { defaultValue: c.label })}: ${team.members[c.id] ?? 0}`).join(" · ");
    // The group message is Vietnamese whatever the console's language: it goes to the commune's group.
    const message = tVi("teams.missing.message", { team: team.name, commune: communeName(team.communeCode), q: quarter.q, year: quarter.year, end: quarter.end });
    return html`<li data-missing-team="${team.id}"><b>${team.name}</b> · ${communeName(team.communeCode)} · ${t("teams.missing.leaders")}: ${leaders} · ${t("teams.lastReport")}: ${team.lastReport ?? t("teams.never")}
<br><label>${t("teams.missing.copy")}<textarea readonly rows="3" class="copy">${message}</textarea></label></li>`;
  })}</ul></section>`;
}

export function teamFormHtml(t: Translate, staff: Staff, form: TeamForm, problems: Map<string, string>): Html {
  return html`<form method="post" action="/staff/teams/new" class="card" novalidate>${csrfField(staff)}
${problems.size > 0 ? html`<p class="error" role="alert">${t("form.hasErrors")}</p>` : ""}
<label>${t("teams.name")}<input name="name" value="${form.name}" required${problems.has("name") ? html` aria-invalid="true" aria-describedby="err-name"` : ""}></label>${fieldError("name", problems.get("name"))}
${communeSelect(t, staff, form.commune_code, problems.get("commune_code"))}
<label>${t("teams.villages")}<input name="villages" value="${form.villages}"${problems.has("villages") ? html` aria-invalid="true" aria-describedby="err-villages"` : ""}><small>${t("teams.villagesHint")}</small></label>${fieldError("villages", problems.get("villages"))}
<p><button>${t("teams.create")}</button> <a href="/staff/teams">${t("form.cancel")}</a></p></form>`;
}

export function teamCreated(t: Translate, team: TeamRow, code: string): Html {
  return html`<div class="card"><p role="status" class="ok">${t("teams.created", { name: team.name })}</p>
<p>${t("teams.codeIntro")}</p><p class="invite-big" id="invite-code">${code}</p>
<p class="hint">${t("teams.codeHowTo", { code })}</p>
<p><a class="button" href="/staff/teams#team-${team.id}">${t("teams.title")}</a></p></div>`;
}
