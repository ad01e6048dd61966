// Delivery and read receipts move sent outbox rows forward (by platform message ids, or
// by a watermark for one conversation), never backwards, and never reach the bot.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Bot } from "../../src/core/bot.js";
import { storeInbound } from "../../src/core/inbox-store.js";
import { InboxWorker } from "../../src/core/inbox-worker.js";
import type { InboundEvent } from "../../src/core/messages.js";
import { OutboxWorker } from "../../src/core/outbox-worker.js";
import { applyReceipt } from "../../src/core/receipts.js";
import { openTestDatabase, type TestDb } from "../support/db.js";
import { createTestChannel, FakePlatform, manualClock, queueReply } from "../support/test-channel.js";

let t: TestDb;
let platform: FakePlatform;
let clock: ReturnType<typeof manualClock>;
let ids: Record<string, number>;

beforeAll(async () => {
  t = await openTestDatabase();
  platform = await new FakePlatform().start();
});
afterAll(async () => {
  await platform.stop();
  await t.destroy();
});

/** Sends a1, a2 and b1, then a3 a minute later (well past any slack a watermark allows). */
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany();
  await t.db.inboxEvent.deleteMany();
  clock = manualClock(Date.now());
  const channel = createTestChannel(platform);
  const w = new OutboxWorker({ db: t.db, channels: new Map([["test", channel]]), pollMs: 1_000, leaseMs: 30_000, maxAttempts: 5, now: clock.now });
  ids = {};
  for (const [u, text] of [["a", "a1"], ["a", "a2"], ["a", "a3"], ["b", "b1"]] as const) ids[text] = await queueReply(t.db, u, text, clock.now());
  await w.tick(); // a1, b1
  await w.tick(); // a2
  clock.advance(60_000);
  await w.tick(); // a3
});

const statusOf = async (text: string) => (await t.db.outboxMessage.findUniqueOrThrow({ where: { id: ids[text]! } })).status;
const pmid = async (text: string) => (await t.db.outboxMessage.findUniqueOrThrow({ where: { id: ids[text]! } })).platformMessageId!;

function receipt(kind: "delivery" | "read", userId: string, receipt: InboundEvent["receipt"], channel = "test"): InboundEvent {
  return { channel, eventKey: `${kind}-${userId}-${Math.random()}`, userId, kind, occurredAt: clock.now().toISOString(), receipt };
}

const apply = (e: InboundEvent) => t.db.$transaction((tx) => applyReceipt(tx, e));

describe("receipts", () => {
  it("a delivery receipt with message ids marks exactly those rows delivered", async () => {
    expect(await apply(receipt("delivery", "a", { messageIds: [await pmid("a1"), await pmid("a2")] }))).toBe(2);
    expect([await statusOf("a1"), await statusOf("a2"), await statusOf("a3"), await statusOf("b1")]).toEqual(["delivered", "delivered", "sent", "sent"]);
    const a1 = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: ids.a1! } });
    expect(a1.deliveredAt?.getTime()).toBe(clock.now().getTime());
  });

  it("a read watermark marks that conversation's rows sent up to it, and no one else's", async () => {
    const watermark = String(clock.now().getTime() - 60_000); // covers a1 and a2, not a3
    expect(await apply(receipt("read", "a", { watermark }))).toBe(2);
    expect([await statusOf("a1"), await statusOf("a2"), await statusOf("a3"), await statusOf("b1")]).toEqual(["read", "read", "sent", "sent"]);
  });

  it("never moves a row backwards: delivery after read leaves it read", async () => {
    await apply(receipt("read", "a", { messageIds: [await pmid("a1")] }));
    expect(await apply(receipt("delivery", "a", { messageIds: [await pmid("a1")] }))).toBe(0);
    expect(await statusOf("a1")).toBe("read");
  });

  it("a receipt with neither ids nor watermark, or for another channel, changes nothing", async () => {
    expect(await apply(receipt("read", "a", {}))).toBe(0);
    expect(await apply(receipt("read", "a", { messageIds: [await pmid("a1")] }, "other"))).toBe(0);
    expect(await statusOf("a1")).toBe("sent");
  });

  it("arrives through the inbox like any event, but the bot never sees it", async () => {
    const seen: string[] = [];
    const bot: Bot = async ({ event }) => {
      seen.push(event.kind);
      return { replies: [] };
    };
    await storeInbound(t.db, [receipt("read", "a", { watermark: String(clock.now().getTime()) }), receipt("delivery", "b", { messageIds: [await pmid("b1")] })]);
    const inbox = new InboxWorker({ db: t.db, bot, channels: new Map(), pollMs: 1_000, leaseMs: 30_000, now: clock.now });
    await inbox.tick();
    expect(seen).toEqual([]);
    expect([await statusOf("a1"), await statusOf("a3"), await statusOf("b1")]).toEqual(["read", "read", "delivered"]);
    expect(await t.db.inboxEvent.count({ where: { status: "done" } })).toBe(2);
  });
});
