// The outbox worker sending through a real HTTP platform on 127.0.0.1: replies reach each
// person in the order they were queued, while different people are served side by side,
// and a row left `sending` by a crash is sent again once its lease is over.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboxWorker, type OutboxWorkerOptions } from "../../src/core/outbox-worker.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { openTestDatabase, usingPostgres, type TestDb } from "../support/db.js";
import { createTestChannel, FakePlatform, manualClock, queueReply, type TestChannel } from "../support/test-channel.js";

let t: TestDb;
let second: Database;
let platform: FakePlatform;
let channel: TestChannel;

beforeAll(async () => {
  t = await openTestDatabase();
  second = await openDatabase(t.url);
  platform = await new FakePlatform().start();
});
afterAll(async () => {
  await platform.stop();
  await second.close();
  await t.destroy();
});
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany();
  await t.db.channelState.deleteMany();
  platform.requests.length = 0;
  platform.script = () => ({ status: 200 });
  channel = createTestChannel(platform);
});

function worker(o: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  return new OutboxWorker({ db: t.db, channels: new Map([["test", channel]]), pollMs: 1_000, leaseMs: 30_000, maxAttempts: 5, concurrency: 8, ...o });
}

async function drain(...workers: OutboxWorker[]): Promise<void> {
  const open = () => t.db.outboxMessage.count({ where: { status: { in: ["queued", "retry", "sending"] } } });
  for (let i = 0; i < 500 && (await open()) > 0; i++) await Promise.all(workers.map((w) => w.tick()));
  expect(await open()).toBe(0);
}

describe("outbox worker: order", () => {
  it("sends each person's replies in the order queued, and records the platform's ids", async () => {
    const clock = manualClock(Date.now());
    const users = ["r1", "r2", "r3", "r4", "r5", "r6"];
    for (let n = 1; n <= 5; n++) for (const u of users) await queueReply(t.db, u, `${u}#${n}`, clock.now());
    // Answers arrive out of order across people; per person they must still be in order.
    platform.script = () => ({ status: 200, delayMs: Math.floor(Math.random() * 8) });
    await drain(worker({ now: clock.now }));
    for (const u of users) expect(platform.textsFor(u)).toEqual([1, 2, 3, 4, 5].map((n) => `${u}#${n}`));
    const rows = await t.db.outboxMessage.findMany();
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.sentAt?.getTime() === clock.now().getTime())).toBe(true);
    expect(new Set(rows.map((r) => r.platformMessageId)).size).toBe(30);
  });

  it("replies go before campaign messages: a person who just wrote does not wait behind a broadcast", async () => {
    const now = new Date();
    // 600 campaign messages (more than one read of the queue) queued first, then one reply.
    for (let n = 0; n < 600; n++) await queueReply(t.db, `c${n}`, `campaign ${n}`, now, "test", 1);
    await queueReply(t.db, "writer", "reply", now);
    await worker({ concurrency: 4 }).tick();
    expect(platform.requests.slice(0, 4).map((r) => r.text)).toContain("reply");
  });

  it("a tick sends one message per person: the next waits until the previous is sent", async () => {
    const now = new Date();
    for (const u of ["a", "b"]) for (let n = 1; n <= 3; n++) await queueReply(t.db, u, `${u}${n}`, now);
    // Each request is held until both have arrived, or 5 s pass: both arrive in time only
    // if the worker sends to the two people at the same time.
    const arrived = new Set<string>();
    let bothIn!: () => void;
    const both = new Promise<void>((r) => (bothIn = r));
    let heldTooLong = false;
    let timer!: NodeJS.Timeout;
    const hold = new Promise<void>((r) => (timer = setTimeout(() => r(void (heldTooLong = true)), 5_000)));
    platform.script = (req) => {
      arrived.add(req.recipientId);
      if (arrived.size === 2) bothIn();
      return { status: 200, after: Promise.race([both, hold]) };
    };
    expect(await worker().tick()).toBe(2);
    clearTimeout(timer);
    expect(platform.requests.map((r) => r.text).sort()).toEqual(["a1", "b1"]);
    expect(heldTooLong).toBe(false); // the two people were sent to at the same time
  });

  it("two workers (two instances) never send one person's replies out of order or twice", async () => {
    const now = new Date();
    const users = ["w1", "w2", "w3"];
    for (let n = 1; n <= 6; n++) for (const u of users) await queueReply(t.db, u, `${u}#${n}`, now);
    platform.script = () => ({ status: 200, delayMs: Math.floor(Math.random() * 5) });
    const other = new OutboxWorker({
      db: usingPostgres() ? second.db : t.db, // SQLite: one process per database file
      channels: new Map([["test", channel]]),
      pollMs: 1_000,
      leaseMs: 30_000,
      maxAttempts: 5,
    });
    await drain(worker(), other);
    expect(platform.requests).toHaveLength(18);
    for (const u of users) expect(platform.textsFor(u)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${u}#${n}`));
  });

  it("holds a person's later replies while the first waits for a retry; others go on", async () => {
    const clock = manualClock(Date.now());
    await queueReply(t.db, "held", "held-1", clock.now());
    await queueReply(t.db, "held", "held-2", clock.now());
    await queueReply(t.db, "free", "free-1", clock.now());
    await queueReply(t.db, "free", "free-2", clock.now());
    platform.script = (req) => ({ status: req.text === "held-1" && platform.textsFor("held").length === 1 ? 503 : 200 });
    const w = worker({ now: clock.now, random: () => 1 });
    await w.tick();
    await w.tick();
    expect(platform.textsFor("held")).toEqual(["held-1"]);
    expect(platform.textsFor("free")).toEqual(["free-1", "free-2"]);
    clock.advance(1_000); // the first retry's backoff with random() = 1
    await drain(w);
    expect(platform.textsFor("held")).toEqual(["held-1", "held-1", "held-2"]);
  });

  it("sends again a row left `sending` by a crash, once its lease is over (not before)", async () => {
    const clock = manualClock(Date.now());
    const id = await queueReply(t.db, "lease", "in flight at the crash", clock.now());
    await queueReply(t.db, "lease", "after it", clock.now());
    await t.db.outboxMessage.update({ where: { id }, data: { status: "sending", attempts: 1, leaseUntil: new Date(clock.now().getTime() + 30_000) } });
    const w = worker({ now: clock.now });
    expect(await w.tick()).toBe(0);
    expect(platform.requests).toHaveLength(0);
    clock.advance(30_001);
    await drain(w);
    expect(platform.textsFor("lease")).toEqual(["in flight at the crash", "after it"]);
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", attempts: 2, leaseUntil: null });
  });
});
