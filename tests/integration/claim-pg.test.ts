// PostgreSQL claims (FOR UPDATE SKIP LOCKED): many workers claiming at once never take the same
// row, never take two rows of one conversation, never a row behind a held head, and a lease that
// ran out is taken again. Runs in the PostgreSQL pass (SQLite has a single writer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimInboxHeads, claimOutboxHeads } from "../../src/core/claim-pg.js";
import { openTestDatabase, usingPostgres, type TestDb } from "../support/db.js";

let database: TestDb;
beforeAll(async () => {
  if (usingPostgres()) database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe.skipIf(!usingPostgres())("PostgreSQL claims", () => {
  it("eight workers at once: each head once, one per conversation, in order", async () => {
    const db = database.db;
    const rows = [];
    for (let c = 0; c < 50; c++) for (let n = 0; n < 3; n++) rows.push({ channel: "zalo", eventKey: `k-${c}-${n}`, conversationKey: `zalo:${c}`, kind: "text", payload: "{}", occurredAt: new Date() });
    await db.inboxEvent.createMany({ data: rows });
    const now = new Date();
    const rounds = await Promise.all(Array.from({ length: 8 }, () => claimInboxHeads(db, now, 30_000, [], 20)));
    const claimed = rounds.flat();
    expect(new Set(claimed.map((r) => r.id)).size).toBe(claimed.length);
    expect(new Set(claimed.map((r) => r.conversationKey)).size).toBe(claimed.length);
    expect(claimed.length).toBe(50);
    // Every one is its conversation's first row; the rest wait behind the held heads.
    const firsts = await db.inboxEvent.findMany({ where: { eventKey: { endsWith: "-0" } }, select: { id: true } });
    expect(new Set(claimed.map((r) => r.id))).toEqual(new Set(firsts.map((r) => r.id)));
    expect(await claimInboxHeads(db, now, 30_000, [], 100)).toEqual([]);
    // The lease runs out (a worker died): taken again, once.
    const later = new Date(now.getTime() + 31_000);
    const again = await Promise.all([claimInboxHeads(db, later, 30_000, [], 100), claimInboxHeads(db, later, 30_000, [], 100)]);
    expect(again.flat()).toHaveLength(50);
  });

  it("the outbox: replies before campaign messages, paused channels and in-flight conversations left", async () => {
    const db = database.db;
    const base = { recipientId: "x", payload: "{}" };
    await db.outboxMessage.createMany({
      data: [
        { ...base, channel: "zalo", conversationKey: "zalo:a", dedupeKey: "c1", priority: 1 },
        { ...base, channel: "zalo", conversationKey: "zalo:b", dedupeKey: "r1", priority: 0 },
        { ...base, channel: "messenger", conversationKey: "messenger:c", dedupeKey: "m1", priority: 0 },
        { ...base, channel: "zalo", conversationKey: "zalo:d", dedupeKey: "d1", priority: 0 },
      ],
    });
    const got = await claimOutboxHeads(db, new Date(), 30_000, ["zalo:d"], ["messenger"], 1);
    expect(got.map((r) => r.conversationKey)).toEqual(["zalo:b"]);
    const next = await claimOutboxHeads(db, new Date(), 30_000, ["zalo:d"], ["messenger"], 10);
    expect(next.map((r) => r.conversationKey)).toEqual(["zalo:a"]);
  });
});
