// The campaign job at chosen moments: it expands the audience batch by batch, sends within the
// rate per tick, waits out quiet hours, and does nothing for a campaign not yet started.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_SETTINGS } from "../channels/registry.js";
import { loadConfig } from "../config.js";
import { openTestDatabase, type TestDb } from "../../tests/support/db.js";
import { createTestChannel, FakePlatform } from "../../tests/support/test-channel.js";
import { campaignDispatch } from "./campaign-dispatch.js";
import type { JobContext } from "./job.js";

// 10:00 in Vietnam.
const NOW = new Date("2026-12-03T03:00:00Z");
const MIN = 60_000;
let database: TestDb;
let platform: FakePlatform;
let ctx: JobContext;

beforeAll(async () => {
  database = await openTestDatabase();
  platform = await new FakePlatform().start();
  const channel = createTestChannel(platform);
  channel.policy = { ...channel.policy, proactive: [{ untilMs: 86_400_000, policy: "test_open", purpose: "reminder", paid: false }] };
  ctx = { db: database.db, channels: new Map([[channel.id, channel]]), config: loadConfig({ SIMULATOR: "0" }, CHANNEL_SETTINGS), onOutboxQueued: () => undefined };
  for (let i = 0; i < 7; i++) await database.db.conversation.create({ data: { channel: "test", userId: `p${i}`, provinceCode: "12", lastInboundAt: new Date(NOW.getTime() - 30 * MIN) } });
});
afterAll(async () => {
  await platform?.stop();
  await database?.destroy();
});

const campaign = (startAt: Date, quiet: [number, number] = [21, 7]) =>
  database.db.campaign.create({
    data: { name: "t", status: "running", messages: JSON.stringify([{ vi: "Xin chào" }]), audience: JSON.stringify({ platforms: [], provinceCode: "12", communeCode: null, who: "all", subscribedOnly: false, languages: [] }), startAt, quietFrom: quiet[0], quietTo: quiet[1], perDay: 1, provinceCode: "12", createdBy: 1 },
  });
const count = (campaignId: number, status: string) => database.db.broadcastRecipient.count({ where: { campaignId, status } });

describe("campaign dispatch job", () => {
  it("runs every second", () => {
    expect(campaignDispatch().schedule).toEqual({ everyMs: 1_000 });
  });

  it("a campaign that has not started yet is left alone", async () => {
    const c = await campaign(new Date(NOW.getTime() + 60 * MIN));
    expect(await campaignDispatch(1_000, () => 3).run(ctx, NOW)).toBeNull();
    expect(await database.db.broadcastRecipient.count({ where: { campaignId: c.id } })).toBe(0);
    await database.db.campaign.update({ where: { id: c.id }, data: { status: "cancelled" } });
  });

  it("expands, then queues at most the rate per tick, until everyone is queued", async () => {
    const c = await campaign(new Date(NOW.getTime() - MIN));
    const job = campaignDispatch(1_000, () => 3);
    const first = await job.run(ctx, NOW);
    expect(first).toMatchObject({ queued: 3 });
    expect(await count(c.id, "queued")).toBe(3);
    expect(await count(c.id, "eligible")).toBe(4);
    await job.run(ctx, new Date(NOW.getTime() + 1_000));
    // Nobody is sending (no outbox worker here): two ticks' worth wait in the outbox, no more.
    await job.run(ctx, new Date(NOW.getTime() + 2_000));
    expect(await count(c.id, "queued")).toBe(6);
    // The outbox catches up (as its worker would): the rest goes, and the sent are recorded.
    await database.db.outboxMessage.updateMany({ where: { dedupeKey: { startsWith: `campaign:${c.id}:` } }, data: { status: "sent" } });
    await job.run(ctx, new Date(NOW.getTime() + 3_000)); // records the sent
    await job.run(ctx, new Date(NOW.getTime() + 4_000)); // queues the last one
    expect((await count(c.id, "queued")) + (await count(c.id, "sent"))).toBe(7);
    // Queued once each: the outbox holds exactly one row per person.
    expect(await database.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `campaign:${c.id}:` } } })).toBe(7);
    await database.db.campaign.update({ where: { id: c.id }, data: { status: "cancelled" } });
  });

  it("during quiet hours everyone is deferred to 07:00, none sent", async () => {
    // The tests' clock goes back to NOW; the shared bucket (RateBucket) only knows time moving forward.
    await database.db.rateBucket.deleteMany();
    const c = await campaign(new Date(NOW.getTime() - MIN), [9, 11]);
    const job = campaignDispatch(1_000, () => 100);
    await job.run(ctx, NOW);
    expect(await count(c.id, "deferred")).toBe(7);
    const r = await database.db.broadcastRecipient.findFirstOrThrow({ where: { campaignId: c.id } });
    expect(r).toMatchObject({ reason: "quiet_hours", notBefore: new Date("2026-12-03T04:00:00Z") }); // 11:00 in Vietnam
  });
});
