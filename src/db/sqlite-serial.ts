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
  const alone = async <T>(fn: () => Promise<T>): Promise<T> => {
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
          return (q: Parameters<Adapter["queryRaw"]>[0]) => alone(() => target.queryRaw(q));
        case "executeRaw":
          return (q: Parameters<Adapter["executeRaw"]>[0]) => alone(() => target.executeRaw(q));
        case "executeScript":
          return (s: string) => alone(() => target.executeScript(s));
        case "startTransaction":
          return async (level?: Parameters<Adapter["startTransaction"]>[0]) => {
            const release = await turns.take();
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

/** The turn taken by startTransaction is given back when the transaction ends. */
function holdUntilEnd(tx: Tx, release: () => void): Tx {
  return new Proxy(tx, {
    get(target, prop) {
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
