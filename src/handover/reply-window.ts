// Whether a staff member may still answer a person, and how (platforms/messenger.md §4,
// platforms/zalo.md §4). Both platforms only allow replies to someone who wrote recently;
// a helpline must never turn into proactive contact (domain/project8.md §7 rule 4), so a
// closed window is refused here rather than attempted and failed by the platform.
import type { OutboundMessage } from "../core/messages.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A reply may wait a little in the outbox (retries, a paused channel): stay clear of the edge. */
export const SEND_MARGIN_MS = 10 * 60_000;

export type WindowPolicy =
  | "messenger_standard" // within 24 h: an ordinary RESPONSE
  | "messenger_human_agent" // 24 h – 7 d: HUMAN_AGENT tag (needs Meta's Human Agent permission)
  | "zalo_free" // within 48 h: free consultation message
  | "zalo_billable"; // 48 h – 7 d: consultation message the OA pays for

export type WindowRefusal = "messenger_closed" | "zalo_closed" | "never_wrote" | "unsupported_channel";

export type ReplyWindow =
  | { allowed: true; policy: WindowPolicy; purpose: NonNullable<OutboundMessage["purpose"]>; closesAt: Date }
  | { allowed: false; refusal: WindowRefusal };

interface Tier {
  until: number;
  policy: WindowPolicy;
  purpose: "response" | "human_agent";
}

const TIERS: Record<string, Tier[]> = {
  messenger: [
    { until: DAY, policy: "messenger_standard", purpose: "response" },
    { until: 7 * DAY, policy: "messenger_human_agent", purpose: "human_agent" },
  ],
  // Zalo has no tags: every staff reply is a consultation (cs) message; the purpose only says who wrote it.
  zalo: [
    { until: 2 * DAY, policy: "zalo_free", purpose: "human_agent" },
    { until: 7 * DAY, policy: "zalo_billable", purpose: "human_agent" },
  ],
};

export function replyWindow(channel: string, lastInboundAt: Date | null, now: Date): ReplyWindow {
  const tiers = TIERS[channel];
  if (!tiers) return { allowed: false, refusal: "unsupported_channel" };
  if (!lastInboundAt) return { allowed: false, refusal: "never_wrote" };
  const age = now.getTime() - lastInboundAt.getTime();
  for (const tier of tiers) {
    if (age <= tier.until - SEND_MARGIN_MS) {
      return { allowed: true, policy: tier.policy, purpose: tier.purpose, closesAt: new Date(lastInboundAt.getTime() + tier.until) };
    }
  }
  return { allowed: false, refusal: channel === "messenger" ? "messenger_closed" : "zalo_closed" };
}

/** What the audit row keeps about a reply: the rule applied, never the text. */
export function windowDetail(w: ReplyWindow): string {
  return w.allowed ? `policy=${w.policy}` : `refused=${w.refusal}`;
}
