// Database errors callers branch on, the same on SQLite and PostgreSQL (Prisma's codes).

/** A unique index refused the row (Prisma P2002): someone else wrote it first. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

// What a database that is down, restarting, locked or out of space looks like through Prisma
// and its drivers (node-postgres, better-sqlite3): the connection codes and SQLSTATEs of
// PostgreSQL (08xxx connection exceptions, 57P01–57P03 shutdown / cannot connect now, 53xxx
// insufficient resources) and SQLite's BUSY / LOCKED / FULL / IOERR.
const UNAVAILABLE = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOSPC|Connection terminated|terminating connection|the database system is (?:starting up|shutting down)|server closed the connection|Can't reach database|SQLITE_(?:BUSY|LOCKED|FULL|IOERR|CANTOPEN)|database is locked|database or disk is full|disk I\/O error|\b(?:08\d{3}|57P0[123]|53\d{3})\b/;

/** True when the error says the database cannot be used right now (the request may be retried). */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; originalCode?: unknown; kind?: unknown };
  const text = [e.code, e.originalCode, e.kind, e.message].filter((x) => typeof x === "string").join(" ");
  if (UNAVAILABLE.test(text)) return true;
  if (e.meta && typeof e.meta === "object" && isDatabaseUnavailable(e.meta, depth + 1)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
