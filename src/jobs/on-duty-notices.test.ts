// The on-duty notice job at chosen moments: an unclaimed danger flag is announced to the staff
// member covering it (only while their own chat window is open), once per round, again every
// ONDUTY_REPEAT_MIN while nobody claims it, and no more once claimed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_SETTINGS } from "../channels/registry.js";
import { loadConfig } from "../config.js";
import { openTestDatabase, type TestDb } from "../../tests/support/db.js";
import { createTestChannel, FakePlatform } from "../../tests/support/test-channel.js";
import type { JobContext } from "./job.js";
import { onDutyNotices } from "./on-duty-notices.js";

const NOW = new Date("2026-11-20T03:00:00Z");
let database: TestDb;
let platform: FakePlatform;
let ctx: JobContext;

beforeAll(async () => {
  database = await openTestDatabase();
  platform = await new FakePlatform().start();
  const channel = createTestChannel(platform);
  channel.policy = { ...channel.policy, proactive: [{ untilMs: 86_400_000, policy: "test_open", purpose: "reminder", paid: false }] };
  ctx = { db: database.db, channels: new Map([[channel.id, channel]]), config: loadConfig({ SIMULATOR: "0" }, CHANNEL_SETTINGS), onOutboxQueued: () => undefined };
  const db = database.db;
  await db.staffUser.create({ data: { email: "a@hoi.vn", name: "A", passwordHash: "x", role: "centre_admin", onDutyChat: "test:duty-a" } });
  await db.staffUser.create({ data: { email: "b@hoi.vn", name: "B", passwordHash: "x", role: "centre_admin", onDutyChat: "test:duty-b" } });
  // A wrote to the bot an hour ago (window open); B two days ago (closed).
  await db.conversation.create({ data: { channel: "test", userId: "duty-a", lastInboundAt: new Date(NOW.getTime() - 3_600_000) } });
  await db.conversation.create({ data: { channel: "test", userId: "duty-b", lastInboundAt: new Date(NOW.getTime() - 2 * 86_400_000) } });
  const person = await db.conversation.create({ data: { channel: "test", userId: "villager" } });
  await db.handover.create({ data: { conversationId: person.id, reason: "danger", severity: 3, createdAt: new Date(NOW.getTime() - 60_000) } });
});
afterAll(async () => {
  await platform?.stop();
  await database?.destroy();
});

describe("on-duty notice job", () => {
  it("runs every few seconds", () => {
    expect(onDutyNotices().schedule).toEqual({ everyMs: 5_000 });
  });

  it("tells the staff member whose window is open, once", async () => {
    const job = onDutyNotices();
    expect(await job.run(ctx, NOW)).toEqual({ queued: 1 });
    expect(await job.run(ctx, new Date(NOW.getTime() + 5_000))).toEqual({ queued: 0 });
    // Another instance (a fresh job) does not tell A twice either: the dedupe key holds.
    expect(await onDutyNotices().run(ctx, new Date(NOW.getTime() + 10_000))).toEqual({ queued: 0 });
    const rows = await database.db.outboxMessage.findMany();
    expect(rows.map((r) => r.recipientId)).toEqual(["duty-a"]);
  });

  it("announces it again after the repeat interval while unclaimed, and stops once claimed", async () => {
    const job = onDutyNotices();
    expect(await job.run(ctx, new Date(NOW.getTime() + 5 * 60_000))).toEqual({ queued: 0 }); // too soon
    expect(await job.run(ctx, new Date(NOW.getTime() + 10 * 60_000))).toEqual({ queued: 1 });
    const again = (await database.db.outboxMessage.findMany({ orderBy: { id: "asc" } })).at(-1)!;
    expect(again.payload).toContain("vẫn chưa có ai nhận sau");
    await database.db.handover.updateMany({ data: { status: "claimed", claimedBy: "1" } });
    expect(await job.run(ctx, new Date(NOW.getTime() + 30 * 60_000))).toEqual({ queued: 0 });
  });
});
