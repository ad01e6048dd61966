// Words for one handover as staff see it: reason, level, category, channel, waiting time,
// status. Shared by the inbox and the conversation page.
import type { Translate } from "../../i18n.js";
import type { ReplyWindow } from "../../core/windows.js";
import type { Handover } from "../../db/client.js";
import { html, type Html } from "../html.js";
import type { Staff } from "../principal.js";
import { platformOf } from "../../core/channel.js";

const VN_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", hourCycle: "h23" });

/** Vietnam time, "14:05 03/02": staff work in Vietnam whatever the server's zone. */
export function vnTime(d: Date): string {
  const p = Object.fromEntries(VN_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute} ${p.day}/${p.month}`;
}

export function waitingLabel(t: Translate, since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return t("wait.minutes", { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("wait.hours", { h: hours, m: minutes % 60 });
  return t("wait.days", { d: Math.floor(hours / 24) });
}

export function statusLabel(t: Translate, h: Handover, staff: Staff, holders: Map<string, string>, platform?: string): string {
  if (h.erasedAt) return t("status.erased");
  // Held by a person answering from the OA Manager / Page Inbox (no console holder).
  if (h.status === "claimed" && h.heldVia === "platform" && !h.claimedBy) return t(`status.platform_${platform ?? ""}`, { defaultValue: t("status.platform") });
  if (h.status === "claimed") return h.claimedBy === String(staff.id) ? t("status.mine") : t("status.claimed", { name: holders.get(h.claimedBy ?? "") ?? "?" });
  return t(h.status === "closed" ? "status.closed" : "status.open");
}

/** The rule a reply goes under, or why it cannot go; a channel without its own words gets the general ones. */
export function windowText(t: Translate, w: ReplyWindow): string {
  if (w.allowed) return t(`window.${w.policy}`, { time: vnTime(w.closesAt), defaultValue: t("window.open", { time: vnTime(w.closesAt) }) });
  const general = w.refusal.endsWith("_closed") ? "window.closed" : "window.unsupported_channel";
  return t(`window.${w.refusal}`, { defaultValue: t(general) });
}

export function channelLabel(t: Translate, channel: string): string {
  const platform = platformOf(channel);
  return t(`channel.${platform}`, { defaultValue: platform });
}

/** The badges: reason, level (danger only) and category. */
export function badges(t: Translate, h: Handover): Html {
  const danger = h.reason === "danger";
  return html`<span class="badge ${danger ? `sev-${Math.min(Math.max(h.severity, 1), 3)}` : "req"}">${t(`reason.${danger ? "danger" : h.reason === "platform_inbox" ? "platform_inbox" : "request"}`)}${
    danger ? html` · ${t("severity", { severity: h.severity })}` : ""
  }</span>${h.category ? html` <span class="cat">${t(`category.${h.category}`, { defaultValue: h.category })}</span>` : ""}`;
}
