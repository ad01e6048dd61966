// better-sqlite3 gives Prisma one connection. Prisma's adapter queues transactions, but a
// query made outside a transaction runs on that same connection while one is open, so it
// commits or rolls back with someone else's work: a failing bot turn would undo the outbox
// worker's "sent" mark or a freshly rotated (single-use) Zalo token. Here such queries wait
// until the open transaction ends. (PostgreSQL gives each its own pooled connection.)
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

export interface SqliteAdapterFactory {
  readonly provider: "sqlite";
  readonly adapterName: string;
  connect(): Promise<Adapter>;
}

/** First come, first served; release() hands the turn to the next waiter. */
class Turns {
  private tail: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => mine);
    return before.then(() => once(release));
  }
}

export function serialisedSqlite(factory: PrismaBetterSQLite3): SqliteAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialise(await factory.connect()),
  };
}

function serialise(adapter: Adapter): Adapter {
  const turns = new Turns();
  /** The open transaction's turn: a COMMIT/ROLLBACK sent on the connection itself ends it. */
  let active: (() => void) | null = null;
  const alone = async <T>(fn: () => Promise<T>, sql?: string): Promise<T> => {
    // Prisma ends an internal transaction that failed (a full disk) with a ROLLBACK on the
    // connection, not on the transaction: waiting for a turn here would wait for itself.
    if (sql !== undefined && active && ENDS_TRANSACTION.test(sql)) {
      const end = active;
      try {
        return await fn();
      } finally {
        end();
      }
    }
    const release = await turns.take();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  return new Proxy(adapter, {
    get(target, prop) {
      switch (prop) {
        case "queryRaw":
          return (q: Parameters<Adapter["queryRaw"]>[0]) => alone(() => target.queryRaw(q), q.sql);
        case "executeRaw":
          return (q: Parameters<Adapter["executeRaw"]>[0]) => alone(() => target.executeRaw(q), q.sql);
        case "executeScript":
          return (s: string) => alone(() => target.executeScript(s));
        case "startTransaction":
          return async (level?: Parameters<Adapter["startTransaction"]>[0]) => {
            const taken = await turns.take();
            const release = once(() => {
              if (active === release) active = null;
              taken();
            });
            active = release;
            try {
              return holdUntilEnd(await target.startTransaction(level), release);
            } catch (err) {
              release();
              throw err;
            }
          };
        default: {
          const v: unknown = Reflect.get(target, prop, target);
          return typeof v === "function" ? v.bind(target) : v;
        }
      }
    },
  });
}

const ENDS_TRANSACTION = /^\s*(?:COMMIT|ROLLBACK|END)\b/i;

/**
 * The turn taken by startTransaction is given back when the transaction ends: by commit() or
 * rollback(), or by a COMMIT / ROLLBACK statement Prisma sends itself. With a full disk SQLite
 * rolls the transaction back on its own, Prisma's ROLLBACK then fails ("no transaction is
 * active") and it never calls rollback(): without the second rule every later query waited
 * forever (found by tests/faults/sqlite-disk-full.test.ts).
 */
function holdUntilEnd(tx: Tx, release: () => void): Tx {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "executeRaw" || prop === "queryRaw") {
        return async (q: { sql: string }) => {
          const ends = ENDS_TRANSACTION.test(q.sql);
          try {
            return await (target[prop] as (q: unknown) => Promise<unknown>)(q);
          } finally {
            if (ends) release();
          }
        };
      }
      if (prop === "commit" || prop === "rollback") {
        return async () => {
          try {
            await target[prop]();
          } finally {
            release();
          }
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
