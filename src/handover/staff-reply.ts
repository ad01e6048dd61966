// A staff member's words to the person, through the same outbox as the bot's: a row per
// platform call before any HTTP request, so retries, ordering and auth pauses apply.
import type { ChannelRegistry } from "../core/channel.js";
import type { OutboundMessage } from "../core/messages.js";
import { isUniqueViolation } from "../core/inbox-store.js";
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

export type QueueOutcome = { queued: number } | { duplicate: true } | { noChannel: true };

export async function queueStaffReply(db: Db, channels: ChannelRegistry, r: StaffReply): Promise<QueueOutcome> {
  const channel = channels.get(r.channel);
  if (!channel) return { noChannel: true };
  const parts = channel.render({ channel: r.channel, recipientId: r.userId, text: r.text, purpose: r.purpose });
  try {
    // One statement: either every part of the reply is queued or none is.
    await db.outboxMessage.createMany({
      data: parts.map((part, n) => ({
        channel: r.channel,
        recipientId: part.recipientId,
        conversationKey: `${r.channel}:${r.userId}`,
        dedupeKey: `${STAFF_PREFIX}${r.handoverId}:${r.key}:${n}`,
        payload: JSON.stringify(part.body),
      })),
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { duplicate: true };
    throw err;
  }
  return { queued: parts.length };
}

/** Outbox rows whose dedupeKey starts with this were written by staff, not by the bot. */
export const STAFF_PREFIX = "staff:";
