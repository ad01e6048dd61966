// The silence job at chosen moments: a conversation claimed and then left silent for
// HANDOVER_SILENCE_MIN goes back (a request to the queue, a platform-inbox hold closed), not before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_SETTINGS } from "../channels/registry.js";
import { loadConfig } from "../config.js";
import { openTestDatabase, type TestDb } from "../../tests/support/db.js";
import { createTestChannel, FakePlatform } from "../../tests/support/test-channel.js";
import { handoverRelease } from "./handover-release.js";
import type { JobContext } from "./job.js";

const NOW = new Date("2026-12-04T03:00:00Z");
const MIN = 60_000;
let database: TestDb;
let platform: FakePlatform;
let ctx: JobContext;

beforeAll(async () => {
  database = await openTestDatabase();
  platform = await new FakePlatform().start();
  const channel = createTestChannel(platform);
  channel.policy = { ...channel.policy, proactive: [{ untilMs: 86_400_000, policy: "test_open", purpose: "reminder", paid: false }] };
  ctx = { db: database.db, channels: new Map([[channel.id, channel]]), config: loadConfig({ SIMULATOR: "0", HANDOVER_SILENCE_MIN: "30" }, CHANNEL_SETTINGS), onOutboxQueued: () => undefined };
});
afterAll(async () => {
  await platform?.stop();
  await database?.destroy();
});

async function held(userId: string, reason: string, heldVia: string, spokeAgoMin: number) {
  const conv = await database.db.conversation.create({ data: { channel: "test", userId, handledBy: "human", lastInboundAt: new Date(NOW.getTime() - 40 * MIN) } });
  const at = new Date(NOW.getTime() - spokeAgoMin * MIN);
  return database.db.handover.create({ data: { conversationId: conv.id, reason, status: "claimed", claimedBy: heldVia === "console" ? "7" : null, heldVia, claimedAt: at, lastHumanAt: at } });
}

describe("handover release job", () => {
  it("runs every minute", () => {
    expect(handoverRelease().schedule).toEqual({ everyMs: 60_000 });
  });

  it("gives back only what was silent for 30 minutes: a request to the queue (she is told), a platform hold closed", async () => {
    const silent = await held("p1", "request", "console", 31);
    const speaking = await held("p2", "danger", "console", 10);
    const platformHold = await held("p3", "platform_inbox", "platform", 45);
    expect(await handoverRelease().run(ctx, NOW)).toEqual({ released: 2, told: 1 });
    expect(await database.db.handover.findUniqueOrThrow({ where: { id: silent.id } })).toMatchObject({ status: "open", claimedBy: null });
    expect(await database.db.handover.findUniqueOrThrow({ where: { id: speaking.id } })).toMatchObject({ status: "claimed" });
    expect(await database.db.handover.findUniqueOrThrow({ where: { id: platformHold.id } })).toMatchObject({ status: "closed" });
    const back = await database.db.conversation.findMany({ where: { userId: { in: ["p1", "p3"] } } });
    expect(back.map((c) => c.handledBy)).toEqual(["bot", "bot"]);
    const told = await database.db.outboxMessage.findMany();
    expect(told.map((o) => o.recipientId)).toEqual(["p1"]);
    // Nothing more to give back a minute later.
    expect(await handoverRelease().run(ctx, new Date(NOW.getTime() + MIN))).toBeNull();
  });
});
