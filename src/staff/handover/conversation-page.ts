// GET /staff/handover/:id: one conversation that needs a person. Its holder reads the last
// few messages (more on request, each reading audited), replies within the platform's
// window and hands it back; everyone else sees only the flag, and can claim it if it is free.
import { platformOf } from "../../core/channel.js";
import { randomUUID } from "node:crypto";
import type { Translate } from "../../i18n.js";
import { replyWindow } from "../../core/windows.js";
import { recentMessages, type TranscriptLine } from "../../handover/transcript.js";
import { csrfField } from "../layout.js";
import { html, type Html } from "../html.js";
import type { Staff } from "../principal.js";
import type { StaffContext } from "../context.js";
import { badges, channelLabel, statusLabel, vnTime, waitingLabel, windowText } from "./labels.js";
import { holderNames, type VisibleHandover } from "./scope.js";
import { sectionPage } from "./section-page.js";

export const RECENT = 10;
export const MORE = 50;
export const REPLY_MAX = 2000;
const NOTICES: Record<string, string> = { claimed: "claim.done", sent: "reply.sent" };

/** Only the staff member holding the conversation reads it: the others see who holds it. */
export function holds(staff: Staff, v: VisibleHandover): boolean {
  return v.handover.status === "claimed" && v.handover.claimedBy === String(staff.id);
}

export async function conversationPage(ctx: StaffContext, staff: Staff, t: Translate, v: VisibleHandover, more: boolean, done: unknown, now = new Date()): Promise<string> {
  const { handover: h, conversation: conv } = v;
  const holders = await holderNames(ctx.db, [h]);
  const self = `/staff/handover/${h.id}${more ? "?more=1" : ""}`;
  const noticeKey = typeof done === "string" ? NOTICES[done] : undefined;
  const body = html`<p><a href="/staff/handover">${t("detail.back")}</a> · <a href="${self}">${t("reload")}</a></p>
${noticeKey ? html`<p class="ok" role="status">${t(noticeKey)}</p>` : ""}
<p>${badges(t, h)}</p>
<p class="meta">${channelLabel(t, conv.channel)} · ${waitingLabel(t, h.createdAt, now)} · ${statusLabel(t, h, staff, holders, platformOf(conv.channel))}</p>
${h.erasedAt
    ? html`<p class="ok" role="status" id="erased">${t("detail.erased", { time: vnTime(h.erasedAt) })}</p>`
    : holds(staff, v)
      ? html`${await transcript(ctx, t, v, more)}${replyForm(ctx, t, staff, v, now)}${releaseForm(t, staff, v)}`
      : actions(t, staff, v)}`;
  return sectionPage(staff, t("detail.title", { id: h.id }), body, "/staff/handover");
}

async function transcript(ctx: StaffContext, t: Translate, v: VisibleHandover, more: boolean): Promise<Html> {
  const id = v.handover.id;
  const lines = await recentMessages(ctx.db, ctx.channels, v.conversation, more ? MORE : RECENT);
  return html`<h2>${t("detail.messages")}</h2>
<p class="muted">${t("detail.privacy")}</p>
${lines.length === 0 ? html`<p>${t("detail.none")}</p>` : html`<ol class="transcript">${lines.map((l) => line(t, l))}</ol>`}
${more
    ? html`<p><a href="/staff/handover/${id}">${t("detail.fewer", { n: RECENT })}</a></p>`
    : lines.length >= RECENT
      ? html`<p><a href="/staff/handover/${id}?more=1" id="more">${t("detail.more", { n: MORE })}</a></p>`
      : ""}`;
}

/** For everyone but the holder: claim an open one, or see who holds it (an admin may free it). */
function actions(t: Translate, staff: Staff, v: VisibleHandover): Html {
  const h = v.handover;
  if (h.status === "open") return postForm(staff, h.id, "claim", t("claim.button"), t("claim.hint"));
  if (h.status === "claimed" && staff.role === "centre_admin") return releaseForm(t, staff, v);
  return h.status === "claimed" ? html`` : html`<p>${t("claim.closed")}</p>`;
}

function releaseForm(t: Translate, staff: Staff, v: VisibleHandover): Html {
  return postForm(staff, v.handover.id, "release", t("release.button"), t("release.hint"), "secondary");
}

function postForm(staff: Staff, id: number, what: string, label: string, hint: string, cls = ""): Html {
  return html`<form method="post" action="/staff/handover/${id}/${what}" class="card">${csrfField(staff)}<p>${hint}</p><button${cls ? html` class="${cls}"` : ""}>${label}</button></form>`;
}

function replyForm(ctx: StaffContext, t: Translate, staff: Staff, v: VisibleHandover, now: Date): Html {
  const w = replyWindow(ctx.channels.get(v.conversation.channel), v.conversation.lastInboundAt, now);
  if (!w.allowed) return html`<p class="error" role="alert" id="window">${windowText(t, w)}</p>`;
  return html`<form method="post" action="/staff/handover/${v.handover.id}/reply" class="card reply">${csrfField(staff)}
<input type="hidden" name="key" value="${randomUUID()}">
<label for="reply-text">${t("reply.label")}</label>
<textarea id="reply-text" name="text" rows="4" maxlength="${REPLY_MAX}" required></textarea>
<p class="muted" id="window">${windowText(t, w)}</p>
<button>${t("reply.button")}</button></form>`;
}

function line(t: Translate, l: TranscriptLine): Html {
  const words = l.kind === "text" ? l.text : t(`detail.${l.kind}`);
  const cls = l.from === "person" ? "msg-user" : l.from === "staff" ? "msg-staff" : "msg-bot";
  return html`<li class="${cls}"><span class="who">${t(`detail.from.${l.from}`)} · ${vnTime(l.at)}${
    l.failed ? html` · <span class="error">${t("detail.failed")}</span>` : ""
  }</span><span class="words${l.kind === "text" ? "" : " note"}">${words}</span>${l.attachment ? attachmentNote(t, l.attachment) : ""}</li>`;
}

/** "Tin nhắn thoại · Mở trên nền tảng": what arrived, and the platform's own link (this server keeps no copy). */
function attachmentNote(t: Translate, a: NonNullable<TranscriptLine["attachment"]>): Html {
  const what = t(`detail.attachmentType.${a.type}`, { defaultValue: t("detail.attachment") });
  return html`<span class="attachment" data-attachment="${a.type}">${what}${a.url ? html` · <a href="${a.url}" rel="noreferrer noopener" target="_blank">${t("detail.openOnPlatform")}</a>` : ""}</span>`;
}
