// Group commit on a real database: concurrent webhook requests share INSERT statements,
// yet each one learns exactly which of its events were new, and one bad request cannot
// fail the others of its group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InboxBatcher } from "../../src/core/inbox-batcher.js";
import type { InboundEvent } from "../../src/core/messages.js";
import { dbProvider, type Db } from "../../src/db/client.js";
import { openTestDatabase, type TestDb } from "../support/db.js";
import { textEvent } from "../support/test-channel.js";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.destroy();
});

/** The real client, counting the INSERT statements that go through it. */
function counting(db: Db): { db: Db; inserts: () => number } {
  let n = 0;
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "$queryRawUnsafe") {
        return (sql: string, ...values: unknown[]) => {
          if (sql.startsWith("INSERT")) n++;
          return target.$queryRawUnsafe(sql, ...values);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { db: wrapped, inserts: () => n };
}

async function keys(prefix: string): Promise<string[]> {
  const rows = await t.db.inboxEvent.findMany({ where: { eventKey: { startsWith: prefix } }, orderBy: { id: "asc" } });
  return rows.map((r) => r.eventKey);
}

describe("InboxBatcher", () => {
  it("stores 50 concurrent requests in fewer statements, each told its own count", async () => {
    const c = counting(t.db);
    expect(dbProvider(c.db)).toBe(t.provider); // a wrapped client still gets its own placeholders
    const batcher = new InboxBatcher(c.db);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => batcher.store([textEvent(`grp${i}`, 1), textEvent(`grp${i}`, 2)])));
    expect(results).toEqual(Array.from({ length: 50 }, () => ({ stored: 2, duplicates: 0 })));
    expect(await keys("grp")).toHaveLength(100);
    expect(c.inserts()).toBeGreaterThan(0);
    expect(c.inserts()).toBeLessThan(50);
  });

  it("a redelivery in the same group is new for the first request and a duplicate for the second", async () => {
    const batcher = new InboxBatcher(t.db);
    const e = textEvent("redeliv", 1);
    const [first, second, third] = await Promise.all([batcher.store([e]), batcher.store([e, textEvent("redeliv", 2)]), batcher.store([e])]);
    expect(first).toEqual({ stored: 1, duplicates: 0 });
    expect(second).toEqual({ stored: 1, duplicates: 1 });
    expect(third).toEqual({ stored: 0, duplicates: 1 });
    expect(await batcher.store([e])).toEqual({ stored: 0, duplicates: 1 });
    expect(await keys("redeliv-")).toEqual(["redeliv-1", "redeliv-2"]);
  });

  it("keeps a request whole and groups by maxEvents", async () => {
    const c = counting(t.db);
    const batcher = new InboxBatcher(c.db, { maxEvents: 3 });
    const big = Array.from({ length: 5 }, (_, n) => textEvent("whole", n));
    const results = await Promise.all([batcher.store(big), batcher.store([textEvent("whole2", 1)]), batcher.store([textEvent("whole3", 1)])]);
    expect(results.map((r) => r.stored)).toEqual([5, 1, 1]);
    expect(c.inserts()).toBe(2); // the 5-event request alone, then the two small ones together
  });

  it("one request the database refuses fails alone; the rest of its group is stored", async () => {
    const batcher = new InboxBatcher(t.db);
    const broken = { ...textEvent("bad", 1), eventKey: null } as unknown as InboundEvent; // NOT NULL
    const settled = await Promise.allSettled([batcher.store([textEvent("okA", 1)]), batcher.store([broken]), batcher.store([textEvent("okB", 1)])]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await keys("ok")).toEqual(["okA-1", "okB-1"]);
    // And the batcher keeps working afterwards.
    expect(await batcher.store([textEvent("after", 1)])).toEqual({ stored: 1, duplicates: 0 });
  });

  it("an empty body stores nothing and touches no statement", async () => {
    const c = counting(t.db);
    expect(await new InboxBatcher(c.db).store([])).toEqual({ stored: 0, duplicates: 0 });
    expect(c.inserts()).toBe(0);
  });

  it("a body bigger than one statement holds is stored whole", async () => {
    const many = Array.from({ length: 1_234 }, (_, n) => textEvent("huge", n));
    expect(await new InboxBatcher(t.db).store(many)).toEqual({ stored: 1_234, duplicates: 0 });
    expect(await keys("huge-")).toHaveLength(1_234);
  });
});
