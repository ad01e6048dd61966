// Fixed-window counters in the database, so a limit holds across every instance and
// restart (a limit kept in one process's memory is one an attacker defeats by spreading
// requests over instances). One row per limit, subject and window; the increment is one
// INSERT … ON CONFLICT DO UPDATE … RETURNING, atomic on SQLite and PostgreSQL alike, so
// forty parallel requests see forty different counts.
import { dbProvider, type Db } from "./client.js";

export interface RateWindow {
  /** Which limit, e.g. "login-ip". */
  name: string;
  windowMs: number;
}

function windowKey(limit: RateWindow, subject: string, now: Date): { key: string; expiresAt: Date } {
  const start = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  return { key: `${limit.name}:${subject}:${start}`, expiresAt: new Date(start + limit.windowMs) };
}

/** Adds one to this window's count and returns the new count. */
export async function hitWindow(db: Db, limit: RateWindow, subject: string, now = new Date()): Promise<{ count: number; resetAt: Date }> {
  const { key, expiresAt } = windowKey(limit, subject, now);
  const [a, b] = dbProvider(db) === "postgres" ? ["$1", "$2"] : ["?", "?"];
  const rows = await db.$queryRawUnsafe<{ count: number | bigint }[]>(
    `INSERT INTO "RateWindow" ("key", "count", "expiresAt") VALUES (${a}, 1, ${b}) ` +
      `ON CONFLICT ("key") DO UPDATE SET "count" = "RateWindow"."count" + 1 RETURNING "count"`,
    key,
    expiresAt,
  );
  return { count: Number(rows[0]?.count ?? 1), resetAt: expiresAt };
}

/** Gives one back (an attempt that turned out to be legitimate). */
export async function refundWindow(db: Db, limit: RateWindow, subject: string, now = new Date()): Promise<void> {
  const { key } = windowKey(limit, subject, now);
  await db.rateWindow.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/** Windows that ended before `now`: the retention job deletes them. */
export async function deleteEndedWindows(db: Db, now = new Date()): Promise<number> {
  return (await db.rateWindow.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
