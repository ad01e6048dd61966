// Expanding a campaign's audience of 10,000 people: batch by batch (never the whole audience at
// once), each batch one transaction with its cursor, so two instances expanding at the same
// time, or a restart in the middle, write every person exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandStep } from "../../src/broadcasts/run.js";
import type { ChannelRegistry } from "../../src/core/channel.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { openTestDatabase, usingPostgres, type TestDb } from "../support/db.js";
import { createTestChannel, FakePlatform } from "../support/test-channel.js";

const N = 10_000;
const BATCH = 1000;
let t: TestDb;
let second: Database;
let platform: FakePlatform;
let channels: ChannelRegistry;

beforeAll(async () => {
  t = await openTestDatabase();
  second = await openDatabase(t.url);
  platform = await new FakePlatform().start();
  const channel = createTestChannel(platform);
  channels = new Map([[channel.id, channel]]);
  const wrote = new Date(Date.now() - 3_600_000);
  for (let from = 0; from < N; from += 2000) {
    await t.db.conversation.createMany({ data: Array.from({ length: 2000 }, (_, i) => ({ channel: "test", userId: `u${from + i}`, provinceCode: "12", lastInboundAt: wrote })) });
  }
  // People of another province: never part of it.
  await t.db.conversation.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ channel: "test", userId: `other${i}`, provinceCode: "14", lastInboundAt: wrote })) });
}, 60_000);
afterAll(async () => {
  await platform?.stop();
  await second?.close();
  await t?.destroy();
});

const campaign = (db: TestDb["db"]) =>
  db.campaign.create({
    data: { name: "10k", status: "running", messages: JSON.stringify([{ vi: "Xin chào" }]), audience: JSON.stringify({ platforms: [], provinceCode: "12", communeCode: null, who: "all", subscribedOnly: false, languages: [] }), startAt: new Date(), quietFrom: 0, quietTo: 0, perDay: 1, provinceCode: "12", createdBy: 1 },
  });

describe("expanding 10,000 recipients", () => {
  it("writes at most one batch per step, in id order, until all 10,000 are rows", async () => {
    const c = await campaign(t.db);
    const counts: number[] = [];
    for (let step = 0; step < 20; step++) {
      const fresh = await t.db.campaign.findUniqueOrThrow({ where: { id: c.id } });
      const done = await expandStep(t.db, fresh, channels, BATCH);
      counts.push(await t.db.broadcastRecipient.count({ where: { campaignId: c.id } }));
      if (done) break;
    }
    // Each step adds one batch (1,000), never the whole audience at once.
    expect(counts.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => k * BATCH));
    expect(counts.at(-1)).toBe(N);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: c.id } })).expandedAt).not.toBeNull();
    expect(await t.db.broadcastRecipient.count({ where: { campaignId: c.id, userId: { startsWith: "other" } } })).toBe(0);
  }, 60_000);

  it("a step taken from a stale snapshot (another instance, or a restart, moved on) writes nothing", async () => {
    const c = await campaign(t.db);
    const stale = await t.db.campaign.findUniqueOrThrow({ where: { id: c.id } });
    expect(await expandStep(t.db, stale, channels, BATCH)).toBe(false);
    // The same snapshot again: the cursor is no longer where it says, so nobody is written twice.
    expect(await expandStep(second.db, stale, channels, BATCH)).toBe(false);
    expect(await t.db.broadcastRecipient.count({ where: { campaignId: c.id } })).toBe(BATCH);
    for (let step = 0; step < 20; step++) {
      const fresh = await second.db.campaign.findUniqueOrThrow({ where: { id: c.id } });
      if (await expandStep(second.db, fresh, channels, BATCH)) break;
    }
    expect(await t.db.broadcastRecipient.count({ where: { campaignId: c.id } })).toBe(N);
  }, 60_000);

  // Two processes at once is PostgreSQL's case (SQLite is one instance; two connections in one
  // process would block each other's transactions on its single writer).
  it.skipIf(!usingPostgres())("two instances expanding at once still write each person exactly once", async () => {
    const c = await campaign(t.db);
    const run = async (db: TestDb["db"]) => {
      for (let step = 0; step < 40; step++) {
        const fresh = await db.campaign.findUniqueOrThrow({ where: { id: c.id } });
        if (await expandStep(db, fresh, channels, BATCH)) return;
      }
    };
    await Promise.all([run(t.db), run(second.db)]);
    expect(await t.db.broadcastRecipient.count({ where: { campaignId: c.id } })).toBe(N);
    const distinct = await t.db.broadcastRecipient.groupBy({ by: ["userId"], where: { campaignId: c.id } });
    expect(distinct).toHaveLength(N);
  }, 60_000);
});
