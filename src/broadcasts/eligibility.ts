// Who a campaign message may go to, now: the rule table of docs/reference/platforms/
// broadcast-policy.md §3, in its order, first match wins. Asked twice: for the preview, and
// again just before each send (a window can close while a row waits). Pure: no I/O, the clock
// is a parameter, so the table is tested row by row for both platforms.
import type { Channel } from "../core/channel.js";
import type { OutboundMessage } from "../core/messages.js";
import { windowFor } from "../core/windows.js";

/** broadcast-policy.md §3 "Reasons enum" (the ones this build can decide). */
export type SkipReason = "opted_out" | "unreachable" | "never_messaged" | "outside_window" | "duplicate_in_campaign";
export type DeferReason = "quiet_hours" | "frequency_cap";

export type Eligibility =
  | { decision: "send_now"; policy: string; purpose: NonNullable<OutboundMessage["purpose"]>; closesAt: Date }
  /** A paid window (Zalo 48 h–7 d): never sent without a person's approval. */
  | { decision: "needs_approval"; kind: "paid_window"; policy: string; closesAt: Date }
  | { decision: "skipped"; reason: SkipReason }
  /** The account's sending is paused or blocked (auth, staff pause): the whole run waits. */
  | { decision: "held"; reason: "channel_blocked" }
  | { decision: "deferred"; reason: DeferReason; notBefore: Date; policy: string };

export interface RecipientState {
  optedOutAt: Date | null;
  unreachableAt: Date | null;
  lastInboundAt: Date | null;
  /** Campaign messages this person already got on this channel today, Vietnam day (the frequency cap). */
  sentToday: number;
  /** … and in the last 7 days (the weekly cap). */
  sentWeek?: number;
  /** This campaign already has a row for this person on this channel. */
  alreadyInCampaign?: boolean;
}

export interface SendRules {
  /** Vietnam hours with no campaign sends: [from, to) across midnight; default 21:00–07:00 (broadcast-policy.md §3). */
  quietFrom: number;
  quietTo: number;
  /** At most this many campaign messages per person per channel per Vietnam day (default 1). */
  perDay: number;
  /** At most this many in 7 days (broadcast-policy.md §3: "a configurable weekly cap"; Zalo's own Broadcast allows 4 a month). */
  perWeek: number;
  /** A person approved paid sends for this run. */
  paidApproved: boolean;
}

export const DEFAULT_RULES: SendRules = { quietFrom: 21, quietTo: 7, perDay: 1, perWeek: 4, paidApproved: false };

const VN = 7 * 3_600_000;
const vnHour = (d: Date) => new Date(d.getTime() + VN).getUTCHours();

/** The next moment in Vietnam at `hour`:00 (today's if still ahead, else tomorrow's). */
export function nextVietnamHour(now: Date, hour: number): Date {
  const local = new Date(now.getTime() + VN);
  const at = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - VN;
  return new Date(at > now.getTime() ? at : at + 86_400_000);
}

export function inQuietHours(now: Date, rules: Pick<SendRules, "quietFrom" | "quietTo">): boolean {
  const h = vnHour(now);
  return rules.quietFrom > rules.quietTo ? h >= rules.quietFrom || h < rules.quietTo : h >= rules.quietFrom && h < rules.quietTo;
}

export function decide(r: RecipientState, channel: Pick<Channel, "id" | "platform" | "policy">, paused: boolean, now: Date, rules: SendRules = DEFAULT_RULES): Eligibility {
  // 1. She said "DỪNG", or the platform says she cannot be reached (unfollow, blocked).
  if (r.optedOutAt) return { decision: "skipped", reason: "opted_out" };
  if (r.unreachableAt) return { decision: "skipped", reason: "unreachable" };
  if (r.alreadyInCampaign) return { decision: "skipped", reason: "duplicate_in_campaign" };
  // 2. The account cannot send at all right now.
  if (paused) return { decision: "held", reason: "channel_blocked" };
  // 3–6. The window her last message opened, by the platform's proactive tiers.
  const w = windowFor(channel, channel.policy.proactive, r.lastInboundAt, now);
  if (!w.allowed) return { decision: "skipped", reason: r.lastInboundAt ? "outside_window" : "never_messaged" };
  if (w.paid && !rules.paidApproved) return { decision: "needs_approval", kind: "paid_window", policy: w.policy, closesAt: w.closesAt };
  // 7. Quiet hours and the daily cap: later, not never, unless her window closes first.
  const later = (reason: DeferReason, notBefore: Date): Eligibility =>
    notBefore.getTime() < w.closesAt.getTime() - 10 * 60_000 ? { decision: "deferred", reason, notBefore, policy: w.policy } : { decision: "skipped", reason: "outside_window" };
  if (inQuietHours(now, rules)) return later("quiet_hours", nextVietnamHour(now, rules.quietTo));
  if (r.sentToday >= rules.perDay || (r.sentWeek ?? 0) >= rules.perWeek) return later("frequency_cap", nextVietnamHour(now, rules.quietTo));
  return { decision: "send_now", policy: w.policy, purpose: w.purpose, closesAt: w.closesAt };
}
