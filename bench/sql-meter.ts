// Counts what the target process asks of SQLite, by hooking better-sqlite3 (which Prisma's
// adapter uses on one connection, preparing every query afresh, so prepares = queries):
// statements by SQL text, rows they returned, and how long each transaction held the
// connection (BEGIN → COMMIT/ROLLBACK). While a Prisma interactive transaction is open, every
// other query of the process waits, so the summed hold time is the share of the run during
// which nothing else (a webhook insert included) could touch the database.
import { performance } from "node:perf_hooks";
import Sqlite from "better-sqlite3";

interface Bucket {
  count: number;
  rows: number;
}
interface TxClass {
  holds: number[];
}

const statements = new Map<string, Bucket>();
const transactions = new Map<string, TxClass>();
let openTx: { at: number; label: string | null } | null = null;
let since = performance.now();

export function installSqlMeter(): void {
  const prepare = Sqlite.prototype.prepare;
  Sqlite.prototype.prepare = function (this: Sqlite.Database, sql: string) {
    const b = statements.get(sql) ?? { count: 0, rows: 0 };
    b.count++;
    statements.set(sql, b);
    onStatement(sql);
    return prepare.call(this, sql);
  } as typeof prepare;
  const probe = new Sqlite(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { all: (...a: unknown[]) => unknown[]; source: string };
  probe.close();
  const all = proto.all;
  proto.all = function (this: { source: string }, ...args: unknown[]) {
    const rows = all.apply(this, args);
    const b = statements.get(this.source);
    if (b) b.rows += rows.length;
    return rows;
  };
}

function onStatement(sql: string): void {
  const now = performance.now();
  if (sql === "BEGIN") openTx = { at: now, label: null };
  else if (sql === "COMMIT" || sql === "ROLLBACK") {
    if (openTx) {
      const label = `${openTx.label ?? "(empty)"}${sql === "ROLLBACK" ? " [rolled back]" : ""}`;
      const c = transactions.get(label) ?? { holds: [] };
      c.holds.push(now - openTx.at);
      transactions.set(label, c);
    }
    openTx = null;
  } else if (openTx && openTx.label === null) openTx.label = shortSql(sql, 70);
}

export function resetSqlMeter(): void {
  statements.clear();
  transactions.clear();
  since = performance.now();
}

const shortSql = (sql: string, n: number) => sql.replace(/`main`\./g, "").replace(/\s+/g, " ").slice(0, n);

export function sqlSummary() {
  const windowMs = performance.now() - since;
  const top = [...statements.entries()]
    .map(([sql, b]) => ({ count: b.count, rowsReturned: b.rows, sql: shortSql(sql, 140) }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 16);
  const tx = [...transactions.entries()].map(([firstStatement, c]) => {
    const sorted = [...c.holds].sort((a, b) => a - b);
    const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
    const total = c.holds.reduce((a, b) => a + b, 0);
    return { firstStatement, count: c.holds.length, holdP50Ms: q(50), holdP99Ms: q(99), holdShareOfRunPct: Math.round((1000 * total) / windowMs) / 10 };
  });
  tx.sort((a, b) => b.holdShareOfRunPct - a.holdShareOfRunPct);
  const heldPct = Math.round(tx.reduce((a, t) => a + t.holdShareOfRunPct, 0) * 10) / 10;
  return {
    total: [...statements.values()].reduce((n, b) => n + b.count, 0),
    top,
    transactions: { connectionHeldByTransactionsPct: heldPct, byFirstStatement: tx },
  };
}
