// The one way out. Every message the system means to send (a bot reply, a staff reply, an
// on-duty notice, a reminder, later a campaign message) becomes outbox rows here and only
// here: rendered by its channel into platform calls, one row per call, each with a dedupe
// key so that the same cause can never queue the same part twice. The rows are written in
// the caller's database handle, so a bot turn's replies commit with the turn.
import type { Db, Tx } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import type { ChannelRegistry } from "./channel.js";
import { conversationKey, type OutboundMessage } from "./messages.js";

export type QueueOutcome = { queued: number } | { duplicate: true } | { noChannel: string };

export interface QueueOptions {
  /** Row n of this batch gets the dedupe key `${dedupePrefix}:${n}` (n counts every part of every message). */
  dedupePrefix: string;
  now?: Date;
}

/**
 * Renders and queues `messages` in one statement: all of their parts are queued, or none.
 * A key already present means this cause was queued before: { duplicate: true }. (Inside
 * a transaction on PostgreSQL that also aborts the transaction, so callers in one use keys
 * that cannot repeat, such as the inbox row's id.)
 */
export async function queueOutbound(db: Db | Tx, channels: ChannelRegistry, messages: OutboundMessage[], opts: QueueOptions): Promise<QueueOutcome> {
  const rows = outboxRows(channels, messages, opts);
  if (!Array.isArray(rows)) return rows;
  return insertRows(db, rows);
}

/**
 * Many causes in one statement (a campaign tick: one person each), each with its own dedupe
 * prefix. All or nothing: one key already present fails the whole batch with { duplicate: true },
 * and the caller queues those causes one by one instead.
 */
export async function queueOutboundMany(db: Db | Tx, channels: ChannelRegistry, items: { messages: OutboundMessage[]; opts: QueueOptions }[]): Promise<QueueOutcome> {
  const rows: OutboxRow[] = [];
  for (const item of items) {
    const mine = outboxRows(channels, item.messages, item.opts);
    if (!Array.isArray(mine)) return mine;
    rows.push(...mine);
  }
  return insertRows(db, rows);
}

type OutboxRow = { channel: string; recipientId: string; conversationKey: string; dedupeKey: string; payload: string; priority: number; createdAt?: Date; nextAttemptAt?: Date };

function outboxRows(channels: ChannelRegistry, messages: OutboundMessage[], opts: QueueOptions): OutboxRow[] | { noChannel: string } {
  const rows: OutboxRow[] = [];
  for (const msg of messages) {
    const channel = channels.get(msg.channel);
    if (!channel) return { noChannel: msg.channel };
    for (const part of channel.render(msg)) {
      rows.push({
        channel: msg.channel,
        recipientId: part.recipientId,
        conversationKey: conversationKey(msg.channel, msg.recipientId),
        dedupeKey: `${opts.dedupePrefix}:${rows.length}`,
        payload: JSON.stringify(part.body),
        priority: msg.purpose === "broadcast" ? 1 : 0,
        ...(opts.now ? { createdAt: opts.now, nextAttemptAt: opts.now } : {}),
      });
    }
  }
  return rows;
}

async function insertRows(db: Db | Tx, rows: OutboxRow[]): Promise<QueueOutcome> {
  if (rows.length === 0) return { queued: 0 };
  try {
    await db.outboxMessage.createMany({ data: rows });
  } catch (err) {
    if (isUniqueViolation(err)) return { duplicate: true };
    throw err;
  }
  return { queued: rows.length };
}

export interface NotSent {
  channel: string;
  recipientId: string;
  dedupePrefix: string;
  /** Why it was not sent (a policy, a missing channel): shown to staff, counted in reports. */
  reason: string;
  now?: Date;
}

/**
 * A message decided against is a row too (status "skipped", the reason in lastError), so
 * that who was not reached, and why, can be counted, and a second run decides nothing new.
 */
export async function recordNotSent(db: Db | Tx, n: NotSent): Promise<QueueOutcome> {
  try {
    await db.outboxMessage.create({
      data: {
        channel: n.channel,
        recipientId: n.recipientId,
        conversationKey: conversationKey(n.channel, n.recipientId),
        dedupeKey: `${n.dedupePrefix}:0`,
        payload: "{}",
        status: "skipped",
        errorClass: "policy",
        lastError: n.reason,
        ...(n.now ? { createdAt: n.now, nextAttemptAt: n.now } : {}),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { duplicate: true };
    throw err;
  }
  return { queued: 0 };
}
