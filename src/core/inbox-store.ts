// Store first, acknowledge second: the webhook handler hands each request's events to the
// group commit (inbox-batcher.ts), which writes them here with storeGroup(), and answers 200
// only once they are committed. The unique (channel, eventKey) index makes a platform's
// redelivery a no-op; storeInbound() is the same for one request (tests, benchmarks).
import { dbProvider, type Db } from "../db/client.js";
import { conversationKey, type InboundEvent } from "./messages.js";

export interface StoreResult {
  stored: number;
  duplicates: number;
}

const COLUMNS = ["channel", "eventKey", "conversationKey", "kind", "payload", "status", "attempts", "occurredAt", "receivedAt"];

/** One request's events: see storeGroup. */
export async function storeInbound(db: Db, events: InboundEvent[]): Promise<StoreResult> {
  return (await storeGroup(db, [events]))[0]!;
}

/**
 * One INSERT … ON CONFLICT DO NOTHING RETURNING for the events of several requests:
 * atomic, race-free across instances, and one statement instead of a read-then-write
 * transaction (docs/performance.md measured the transaction at a quarter of this path's
 * throughput). Same SQL on both databases but for the placeholders.
 *
 * An event's first copy wins: repeated inside one body (Messenger batches can) or in two
 * requests of a group (a platform redelivering while the first delivery waits), it counts
 * as new once and as a duplicate after, exactly as if stored one request after another.
 */
export async function storeGroup(db: Db, requests: InboundEvent[][]): Promise<StoreResult[]> {
  const owner = new Map<string, number>();
  const all: InboundEvent[] = [];
  requests.forEach((events, i) => {
    for (const e of events) {
      const id = eventIdentity(e);
      if (owner.has(id)) continue;
      owner.set(id, i);
      all.push(e);
    }
  });
  const inserted = await insertEvents(db, all);
  const stored = requests.map(() => 0);
  for (const id of inserted) stored[owner.get(id)!]!++;
  return requests.map((events, i) => ({ stored: stored[i]!, duplicates: events.length - stored[i]! }));
}

/** The identity the unique index enforces. */
function eventIdentity(e: Pick<InboundEvent, "channel" | "eventKey">): string {
  return `${e.channel}\u0000${e.eventKey}`;
}

// 9 parameters a row: 500 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535.
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts distinct events and returns the identities of those that were new. A body too
 * big for one statement takes several: each is idempotent and the caller acknowledges only
 * after all of them, so a failure part-way leaves a redelivery to fill the gap.
 */
async function insertEvents(db: Db, unique: InboundEvent[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  const now = new Date();
  const pg = dbProvider(db) === "postgres";
  for (let from = 0; from < unique.length; from += ROWS_PER_STATEMENT) {
    const chunk = unique.slice(from, from + ROWS_PER_STATEMENT);
    const params = chunk.flatMap((e) => [
      e.channel,
      e.eventKey,
      conversationKey(e.channel, e.userId),
      e.kind,
      JSON.stringify(e),
      // Unknown events never reach the bot; store them as finished work so they cannot
      // hold up a conversation's queue.
      e.kind === "unknown" ? "skipped" : "pending",
      0,
      sensibleTime(e.occurredAt),
      now,
    ]);
    let n = 0;
    const rows = chunk.map(() => `(${COLUMNS.map(() => (pg ? `$${++n}` : "?")).join(", ")})`);
    const sql =
      `INSERT INTO "InboxEvent" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.join(", ")} ` +
      `ON CONFLICT ("channel", "eventKey") DO NOTHING RETURNING "channel", "eventKey"`;
    const returned = await db.$queryRawUnsafe<{ channel: string; eventKey: string }[]>(sql, ...params);
    for (const r of returned) inserted.add(eventIdentity(r));
  }
  return inserted;
}

/** A platform time that is not a real date (or beyond what PostgreSQL stores) becomes "now". */
function sensibleTime(iso: string): Date {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || y < 2000 || y > 9999 ? new Date() : d;
}
