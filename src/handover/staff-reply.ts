// A staff member's words to the person, through the same outbox as the bot's: a row per
// platform call before any HTTP request, so retries, ordering and auth pauses apply.
import type { ChannelRegistry } from "../core/channel.js";
import type { OutboundMessage } from "../core/messages.js";
import { queueOutbound, type QueueOutcome } from "../core/outbox.js";
import type { Db } from "../db/client.js";

export interface StaffReply {
  handoverId: number;
  channel: string;
  userId: string;
  text: string;
  purpose: NonNullable<OutboundMessage["purpose"]>;
  /** Random per reply form: a double submit of the same form queues the message once. */
  key: string;
}

export type { QueueOutcome };

export function queueStaffReply(db: Db, channels: ChannelRegistry, r: StaffReply): Promise<QueueOutcome> {
  const message: OutboundMessage = { channel: r.channel, recipientId: r.userId, text: r.text, purpose: r.purpose };
  return queueOutbound(db, channels, [message], { dedupePrefix: `${STAFF_PREFIX}${r.handoverId}:${r.key}` });
}

/** Outbox rows whose dedupeKey starts with this were written by staff, not by the bot. */
export const STAFF_PREFIX = "staff:";
