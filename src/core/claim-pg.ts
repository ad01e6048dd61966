// Claims on PostgreSQL for many workers at once: one statement finds the oldest unfinished row
// of each conversation that no live lease holds, locks those rows with FOR UPDATE SKIP LOCKED
// (a row another worker is claiming this instant is skipped, not waited for) and leases them.
// So two workers never take the same head, never block each other, and a conversation's next
// row waits until its head is done: per-person order holds across processes. SQLite has one
// writer at a time and keeps the scan-then-conditional-update claim (queue-worker.ts).
import type { Db } from "../db/client.js";

export interface Claimed {
  id: number;
  conversationKey: string;
}

/** Inbox: pending rows past their "not before", or processing rows whose lease ran out. */
export async function claimInboxHeads(db: Db, now: Date, leaseMs: number, exclude: readonly string[], limit: number): Promise<Claimed[]> {
  const ready = `((s.status = 'pending' AND (s."leaseUntil" IS NULL OR s."leaseUntil" <= $1)) OR (s.status = 'processing' AND s."leaseUntil" < $1))`;
  const sql = `
WITH heads AS (
  SELECT DISTINCT ON ("conversationKey") id, status, "leaseUntil", "conversationKey"
  FROM "InboxEvent" WHERE status IN ('pending', 'processing')
  ORDER BY "conversationKey", id
), picked AS (
  SELECT s.id FROM heads s WHERE ${ready} AND NOT (s."conversationKey" = ANY($3::text[])) ORDER BY s.id LIMIT $4
), locked AS (
  SELECT s.id FROM "InboxEvent" s JOIN picked p ON p.id = s.id WHERE ${ready} FOR UPDATE OF s SKIP LOCKED
)
UPDATE "InboxEvent" e SET status = 'processing', "leaseUntil" = $2, attempts = e.attempts + 1
FROM locked WHERE e.id = locked.id
RETURNING e.id, e."conversationKey"`;
  return db.$queryRawUnsafe<Claimed[]>(sql, now, new Date(now.getTime() + leaseMs), [...exclude], limit);
}

/** Outbox: replies before campaign messages (priority), paused channels left alone. */
export async function claimOutboxHeads(db: Db, now: Date, leaseMs: number, exclude: readonly string[], paused: readonly string[], limit: number): Promise<Claimed[]> {
  const ready = `((s.status IN ('queued', 'retry') AND s."nextAttemptAt" <= $1) OR (s.status = 'sending' AND s."leaseUntil" < $1))`;
  const sql = `
WITH heads AS (
  SELECT DISTINCT ON ("conversationKey") id, status, "leaseUntil", "nextAttemptAt", "conversationKey", priority, channel
  FROM "OutboxMessage" WHERE status IN ('queued', 'retry', 'sending')
  ORDER BY "conversationKey", priority, id
), picked AS (
  SELECT s.id, s.priority FROM heads s
  WHERE ${ready} AND NOT (s."conversationKey" = ANY($3::text[])) AND NOT (s.channel = ANY($4::text[]))
  ORDER BY s.priority, s.id LIMIT $5
), locked AS (
  SELECT s.id FROM "OutboxMessage" s JOIN picked p ON p.id = s.id WHERE ${ready} FOR UPDATE OF s SKIP LOCKED
)
UPDATE "OutboxMessage" e SET status = 'sending', "leaseUntil" = $2, attempts = e.attempts + 1
FROM locked WHERE e.id = locked.id
RETURNING e.id, e."conversationKey"`;
  return db.$queryRawUnsafe<Claimed[]>(sql, now, new Date(now.getTime() + leaseMs), [...exclude], [...paused], limit);
}
