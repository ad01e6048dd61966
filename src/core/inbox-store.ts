// Store first, acknowledge second: the webhook handler calls storeInbound() and only
// answers 200 once it returns. The unique (channel, eventKey) index makes a platform's
// redelivery a no-op.
import { dbProvider, type Db } from "../db/client.js";
import type { InboundEvent } from "./messages.js";

export interface StoreResult {
  stored: number;
  duplicates: number;
}

export function conversationKey(channel: string, userId: string): string {
  return `${channel}:${userId}`;
}

const COLUMNS = ["channel", "eventKey", "conversationKey", "kind", "payload", "status", "attempts", "occurredAt", "receivedAt"];

/**
 * One multi-row INSERT … ON CONFLICT DO NOTHING: atomic, race-free across instances, and
 * one statement instead of a read-then-write transaction (docs/performance.md measured
 * the transaction at a quarter of this path's throughput). Same SQL on both databases
 * but for the placeholders.
 */
export async function storeInbound(db: Db, events: InboundEvent[]): Promise<StoreResult> {
  // A body may repeat an event (Messenger batches can); keep its first copy.
  const firsts = new Map<string, InboundEvent>();
  for (const e of events) {
    const key = `${e.channel}\u0000${e.eventKey}`;
    if (!firsts.has(key)) firsts.set(key, e);
  }
  const unique = [...firsts.values()];
  if (unique.length === 0) return { stored: 0, duplicates: events.length };
  const now = new Date();
  const params = unique.flatMap((e) => [
    e.channel,
    e.eventKey,
    conversationKey(e.channel, e.userId),
    e.kind,
    JSON.stringify(e),
    // Unknown events never reach the bot; store them as finished work so they cannot hold
    // up a conversation's queue.
    e.kind === "unknown" ? "skipped" : "pending",
    0,
    sensibleTime(e.occurredAt),
    now,
  ]);
  const pg = dbProvider(db) === "postgres";
  let n = 0;
  const rows = unique.map(() => `(${COLUMNS.map(() => (pg ? `$${++n}` : "?")).join(", ")})`);
  const sql = `INSERT INTO "InboxEvent" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.join(", ")} ON CONFLICT ("channel", "eventKey") DO NOTHING`;
  const stored = await db.$executeRawUnsafe(sql, ...params);
  return { stored, duplicates: events.length - stored };
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/** A platform time that is not a real date (or beyond what PostgreSQL stores) becomes "now". */
function sensibleTime(iso: string): Date {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || y < 2000 || y > 9999 ? new Date() : d;
}
