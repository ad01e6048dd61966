// storeInbound against a real database: a redelivered event is stored once, even when
// two instances (two clients, two connection pools) store the same events at the same time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeInbound } from "../../src/core/inbox-store.js";
import type { InboundEvent } from "../../src/core/messages.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { openTestDatabase, usingPostgres, type TestDb } from "../support/db.js";
import { textEvent } from "../support/test-channel.js";

let t: TestDb;
let other: Database;

beforeAll(async () => {
  t = await openTestDatabase();
  other = await openDatabase(t.url); // a second "instance" on the same database
});
afterAll(async () => {
  await other.close();
  await t.destroy();
});

async function rowsFor(prefix: string) {
  return t.db.inboxEvent.findMany({ where: { eventKey: { startsWith: prefix } }, orderBy: { id: "asc" } });
}

describe("storeInbound", () => {
  it("stores an event once: the same key again is a duplicate, not a second row", async () => {
    const e = textEvent("dup", 1);
    expect(await storeInbound(t.db, [e])).toEqual({ stored: 1, duplicates: 0 });
    expect(await storeInbound(t.db, [e])).toEqual({ stored: 0, duplicates: 1 });
    const rows = await rowsFor("dup-");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "test", conversationKey: "test:dup", kind: "text", status: "pending", attempts: 0 });
    expect(JSON.parse(rows[0]!.payload)).toEqual(e);
  });

  it("keeps the first copy of an event repeated inside one body", async () => {
    const a = textEvent("batch", 1);
    const b = textEvent("batch", 2);
    expect(await storeInbound(t.db, [a, b, { ...a, text: "changed" }])).toEqual({ stored: 2, duplicates: 1 });
    const rows = await rowsFor("batch-");
    expect(rows.map((r) => r.eventKey)).toEqual(["batch-1", "batch-2"]);
    expect((JSON.parse(rows[0]!.payload) as InboundEvent).text).toBe("msg 1");
  });

  it("the same key on another channel is another event", async () => {
    const e = textEvent("chan", 1);
    await storeInbound(t.db, [e]);
    expect(await storeInbound(t.db, [{ ...e, channel: "other" }])).toEqual({ stored: 1, duplicates: 0 });
  });

  it("stores unknown events as skipped so they never hold up a conversation", async () => {
    await storeInbound(t.db, [{ ...textEvent("unk", 1), kind: "unknown" }]);
    expect((await rowsFor("unk-"))[0]!.status).toBe("skipped");
  });

  it("an empty body stores nothing", async () => {
    expect(await storeInbound(t.db, [])).toEqual({ stored: 0, duplicates: 0 });
  });

  it("concurrent webhook requests in one instance: every event exactly once", async () => {
    const calls = Array.from({ length: 40 }, (_, r) => storeInbound(t.db, [textEvent(`conc${r % 4}`, r % 10), textEvent("conc-x", r % 7)]));
    const settled = await Promise.allSettled(calls);
    const results = settled.map((s) => {
      if (s.status === "rejected") throw s.reason;
      return s.value;
    });
    const keys = (await rowsFor("conc")).map((r) => r.eventKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(20 + 7); // 20 distinct (r%4, r%10) pairs, plus conc-x 0..6
    expect(results.reduce((n, r) => n + r.stored, 0)).toBe(keys.length);
  });

  // SQLite is one instance per database file: a second process's deferred transaction
  // meets SQLITE_BUSY instead of waiting. Several instances are a PostgreSQL deployment.
  it.runIf(usingPostgres())("two instances storing overlapping redeliveries at once: every event exactly once", async () => {
    // Batches of 8 rounds (within each instance's pool of 10 connections); in each round both
    // instances receive the same 3 events (a platform retrying while the first delivery is
    // still being stored) plus one event only they got.
    const ROUNDS = 32;
    let stored = 0;
    let duplicates = 0;
    for (let batch = 0; batch < ROUNDS; batch += 8) {
      const rounds = Array.from({ length: 8 }, (_, i) => batch + i);
      const settled = await Promise.allSettled(
        rounds.flatMap((r) => {
          const shared = [textEvent(`race${r % 5}`, r * 10), textEvent(`race${r % 5}`, r * 10 + 1), textEvent("race-x", r)];
          return [storeInbound(t.db, [...shared, textEvent("race-a", r)]), storeInbound(other.db, [...shared, textEvent("race-b", r)])];
        }),
      );
      for (const s of settled) {
        if (s.status === "rejected") throw s.reason;
        stored += s.value.stored;
        duplicates += s.value.duplicates;
      }
    }
    const rows = await rowsFor("race");
    const keys = rows.map((r) => r.eventKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(ROUNDS * 3 + ROUNDS * 2);
    expect(stored).toBe(rows.length);
    expect(duplicates).toBe(ROUNDS * 3);
  });
});
