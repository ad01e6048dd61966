// GET /staff/handover: conversations in the staff member's area that need a person, danger
// first. The list never shows what anyone wrote; opening one is a separate, audited step.
// New danger flags arrive through /staff/handover/events (handover.js); without script,
// "Tải lại" reloads the page.
import { platformOf } from "../../core/channel.js";
import type { Translate } from "../../i18n.js";
import { html } from "../html.js";
import type { Staff } from "../principal.js";
import type { StaffContext } from "../context.js";
import { badges, channelLabel, statusLabel, waitingLabel } from "./labels.js";
import { ACTIVE, holderNames, inboxOrder, visibleHandovers, type VisibleHandover } from "./scope.js";
import { sectionPage } from "./section-page.js";

/** Open handovers are few; this bounds the page, not the work. */
const INBOX_MAX = 1000;
const NOTICES = new Set(["released"]);
const ERASED_SHOWN_MS = 24 * 3600_000;

export async function inboxPage(ctx: StaffContext, staff: Staff, t: Translate, done: unknown, now = new Date()): Promise<string> {
  // Erasures of the last day stay listed, so whoever held the conversation learns why it ended.
  const erasedSince = new Date(now.getTime() - ERASED_SHOWN_MS);
  const where = { OR: [{ status: { in: ACTIVE } }, { erasedAt: { gte: erasedSince } }] };
  const rows = (await visibleHandovers(ctx.db, staff, where, INBOX_MAX)).sort((a, b) => inboxOrder(a.handover, b.handover));
  const holders = await holderNames(ctx.db, rows.map((r) => r.handover));
  const notice = typeof done === "string" && NOTICES.has(done) ? html`<p class="ok" role="status">${t("release.done")}</p>` : "";
  const body = html`${notice}<p>${t("intro")}</p>
<p><a href="/staff/handover" class="button secondary">${t("reload")}</a></p>
<div id="live" class="live" role="status" aria-live="polite" hidden data-events="/staff/handover/events"
 data-banner="${t("live.banner", { severity: "{severity}" })}" data-row="${t("live.row", { severity: "{severity}" })}" data-open="${t("live.open")}"></div>
${rows.length === 0 ? html`<p id="empty">${t("empty")}</p>` : ""}
<ul class="handovers" id="handovers">${rows.map((v) => row(t, staff, v, holders, now))}</ul>
<script src="/staff/assets/handover.js" defer></script>`;
  return sectionPage(staff, t("title"), body, "/staff/handover");
}

function row(t: Translate, staff: Staff, v: VisibleHandover, holders: Map<string, string>, now: Date) {
  const h = v.handover;
  return html`<li class="handover ${h.reason === "danger" ? "danger" : "request"}" data-id="${h.id}">
<a href="/staff/handover/${h.id}">${badges(t, h)}</a>
<span class="meta">${channelLabel(t, v.conversation.channel)} · ${waitingLabel(t, h.createdAt, now)} · ${statusLabel(t, h, staff, holders, platformOf(v.conversation.channel))}</span></li>`;
}
