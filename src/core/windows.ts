// Where a message stands against a channel's messaging policy (core/channel.ts): which
// tier applies now, or why none does. Channel-neutral: each channel folder states its
// platform's tiers, and every caller (staff replies, notices, reminders, campaigns) asks here.
import type { Channel, WindowTier } from "./channel.js";
import type { OutboundMessage } from "./messages.js";

/** A message may wait a little in the outbox (retries, a paused channel): stay clear of the edge. */
export const SEND_MARGIN_MS = 10 * 60_000;

export type WindowRefusal = string; // "<channel>_closed" | "never_wrote" | "unsupported_channel"

export type ReplyWindow =
  | { allowed: true; policy: string; purpose: NonNullable<OutboundMessage["purpose"]>; paid: boolean; closesAt: Date }
  | { allowed: false; refusal: WindowRefusal };

/** The tier a message to someone last heard from at `lastInboundAt` would go under, now. */
export function windowFor(channel: Pick<Channel, "id" | "platform"> | undefined, tiers: WindowTier[] | undefined, lastInboundAt: Date | null, now: Date, marginMs = SEND_MARGIN_MS): ReplyWindow {
  if (!channel || !tiers) return { allowed: false, refusal: "unsupported_channel" };
  if (!lastInboundAt) return { allowed: false, refusal: "never_wrote" };
  const age = now.getTime() - lastInboundAt.getTime();
  for (const tier of tiers) {
    if (age <= tier.untilMs - marginMs) {
      return { allowed: true, policy: tier.policy, purpose: tier.purpose, paid: tier.paid, closesAt: new Date(lastInboundAt.getTime() + tier.untilMs) };
    }
  }
  return { allowed: false, refusal: `${channel.platform}_closed` };
}

/** A staff member answering a person on this channel. */
export function replyWindow(channel: Pick<Channel, "id" | "platform" | "policy"> | undefined, lastInboundAt: Date | null, now: Date): ReplyWindow {
  return windowFor(channel, channel?.policy.reply, lastInboundAt, now);
}

/** What the audit row keeps about a reply: the rule applied, never the text. */
export function windowDetail(w: ReplyWindow): string {
  return w.allowed ? `policy=${w.policy}` : `refused=${w.refusal}`;
}
