// The inbox worker against a real database: strict order per conversation, different
// conversations side by side, leases reclaimed after a crash, and a failing bot turn
// retried, then given up on, without holding up anyone else. Clocks are injected.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Bot, BotTurn } from "../../src/core/bot.js";
import type { ChannelRegistry } from "../../src/core/channel.js";
import { storeInbound } from "../../src/core/inbox-store.js";
import { InboxWorker, type InboxWorkerOptions } from "../../src/core/inbox-worker.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { openTestDatabase, usingPostgres, type TestDb } from "../support/db.js";
import { createTestChannel, FakePlatform, manualClock, textEvent } from "../support/test-channel.js";

let t: TestDb;
let second: Database;
let channels: ChannelRegistry;

beforeAll(async () => {
  t = await openTestDatabase();
  second = await openDatabase(t.url);
  // render() is all the inbox worker needs from a channel; the platform is never called here.
  channels = new Map([["test", createTestChannel(new FakePlatform())]]);
});
afterAll(async () => {
  await second.close();
  await t.destroy();
});
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany();
  await t.db.inboxEvent.deleteMany();
  await t.db.conversation.deleteMany();
  await t.db.handover.deleteMany();
});

/** A bot that answers "re: <text>" and records who it saw, in order. */
function echoBot(seen: string[] = []): Bot {
  return async ({ event }: BotTurn) => {
    seen.push(`${event.userId}:${event.text}`);
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    return { replies: [{ channel: event.channel, recipientId: event.userId, text: `re: ${event.text}` }] };
  };
}

function worker(o: Partial<InboxWorkerOptions> & { bot: Bot }): InboxWorker {
  return new InboxWorker({ db: t.db, channels, pollMs: 1_000, leaseMs: 30_000, concurrency: 4, ...o });
}

async function unfinished(): Promise<number> {
  return t.db.inboxEvent.count({ where: { status: { in: ["pending", "processing"] } } });
}

/** Ticks until the inbox is drained (bounded: a stuck queue fails the test, it never hangs). */
async function drain(...workers: InboxWorker[]): Promise<void> {
  for (let i = 0; i < 500 && (await unfinished()) > 0; i++) await Promise.all(workers.map((w) => w.tick()));
  expect(await unfinished()).toBe(0);
}

function userOrder(seen: string[], user: string): string[] {
  return seen.filter((s) => s.startsWith(`${user}:`)).map((s) => s.slice(user.length + 1));
}

describe("inbox worker", () => {
  it("handles each conversation's events strictly in order, with replies queued per event", async () => {
    const users = ["u1", "u2", "u3", "u4", "u5"];
    // Interleaved arrival, as webhooks for several people come in.
    for (let n = 1; n <= 6; n++) for (const u of users) await storeInbound(t.db, [textEvent(u, n)]);
    const seen: string[] = [];
    await drain(worker({ bot: echoBot(seen) }));
    for (const u of users) expect(userOrder(seen, u)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `msg ${n}`));
    const rows = await t.db.inboxEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.every((r) => r.status === "done" && r.attempts === 1 && r.processedAt !== null)).toBe(true);
    const out = await t.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(out).toHaveLength(30);
    for (const r of rows) expect(out.filter((o) => o.dedupeKey === `in:${r.id}:0`)).toHaveLength(1);
    for (const u of users) {
      const texts = out.filter((o) => o.recipientId === u).map((o) => (JSON.parse(o.payload) as { text: string }).text);
      expect(texts).toEqual([1, 2, 3, 4, 5, 6].map((n) => `re: msg ${n}`));
    }
  });

  it("one tick takes the head of every conversation, never two events of one", async () => {
    for (const u of ["a", "b", "c"]) await storeInbound(t.db, [textEvent(u, 1), textEvent(u, 2)]);
    const seen: string[] = [];
    expect(await worker({ bot: echoBot(seen) }).tick()).toBe(3);
    expect(seen.sort()).toEqual(["a:msg 1", "b:msg 1", "c:msg 1"]);
  });

  it("two workers (two instances) on one database still keep order and process each event once", async () => {
    const users = ["p1", "p2", "p3", "p4"];
    for (let n = 1; n <= 8; n++) for (const u of users) await storeInbound(t.db, [textEvent(u, n)]);
    const seen: string[] = [];
    const bot = echoBot(seen);
    // SQLite is one process per file: there the second worker shares the client.
    const other = new InboxWorker({ db: usingPostgres() ? second.db : t.db, channels, bot, pollMs: 1_000, leaseMs: 30_000, concurrency: 4 });
    await drain(worker({ bot }), other);
    expect(seen).toHaveLength(32);
    for (const u of users) expect(userOrder(seen, u)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `msg ${n}`));
    expect(await t.db.outboxMessage.count()).toBe(32);
  });

  // One SQLite connection runs one transaction at a time; overlap needs PostgreSQL's pool.
  it.runIf(usingPostgres())("runs different conversations' bot turns at the same time", async () => {
    await storeInbound(t.db, [textEvent("slow", 1), textEvent("fast", 1)]);
    let fastStarted!: () => void;
    const fastIsIn = new Promise<void>((r) => (fastStarted = r));
    const bot: Bot = async ({ event }) => {
      if (event.userId === "fast") fastStarted();
      // The slow turn finishes only once the other conversation's turn has begun.
      else await Promise.race([fastIsIn, new Promise((_, no) => setTimeout(() => no(new Error("not parallel")), 5_000))]);
      return { replies: [] };
    };
    expect(await worker({ bot }).tick()).toBe(2);
  });

  it("renders each reply through its channel: one outbox row per part", async () => {
    await storeInbound(t.db, [textEvent("parts", 1, "test", "a|b|c")]);
    await drain(worker({ bot: echoBot() }));
    const id = (await t.db.inboxEvent.findFirstOrThrow()).id;
    const out = await t.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(out.map((o) => o.dedupeKey)).toEqual([`in:${id}:0`, `in:${id}:1`, `in:${id}:2`]);
    expect(out.map((o) => (JSON.parse(o.payload) as { text: string }).text)).toEqual(["re: a", "b", "c"]);
    expect(out.every((o) => o.status === "queued" && o.conversationKey === "test:parts")).toBe(true);
  });

  it("reclaims an event left processing by a crashed worker once its lease has expired", async () => {
    const clock = manualClock();
    await storeInbound(t.db, [textEvent("crash", 1), textEvent("crash", 2)]);
    const first = await t.db.inboxEvent.findFirstOrThrow({ where: { eventKey: "crash-1" } });
    // What a kill -9 mid-turn leaves: claimed, attempt counted, lease still running.
    await t.db.inboxEvent.update({ where: { id: first.id }, data: { status: "processing", attempts: 1, leaseUntil: new Date(clock.now().getTime() + 30_000) } });
    const seen: string[] = [];
    const w = worker({ bot: echoBot(seen), now: clock.now });
    expect(await w.tick()).toBe(0); // the lease is live: another worker may still be on it
    expect(seen).toEqual([]);
    clock.advance(30_001);
    await drain(w);
    expect(seen).toEqual(["crash:msg 1", "crash:msg 2"]);
    const again = await t.db.inboxEvent.findUniqueOrThrow({ where: { id: first.id } });
    expect(again).toMatchObject({ status: "done", attempts: 2, leaseUntil: null });
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `in:${first.id}:` } } })).toBe(1);
  });

  it("retries a failing bot turn with a growing pause, then marks it failed, without blocking others", async () => {
    const clock = manualClock();
    await storeInbound(t.db, [textEvent("bad", 1), textEvent("bad", 2), textEvent("ok", 1)]);
    const seen: string[] = [];
    const echo = echoBot(seen);
    let throws = 0;
    const bot: Bot = async (turn) => {
      if (turn.event.eventKey === "bad-1") {
        throws++;
        // Written inside the worker's transaction: must vanish with the failed turn.
        const conv = await turn.tx.conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "test", userId: "bad" } } });
        await turn.tx.handover.create({ data: { conversationId: conv.id, reason: "request" } });
        throw new Error("flow bug");
      }
      return echo(turn);
    };
    const w = worker({ bot, now: clock.now, maxAttempts: 3 });
    await w.tick();
    expect(seen).toEqual(["ok:msg 1"]); // others go on
    let bad = await t.db.inboxEvent.findFirstOrThrow({ where: { eventKey: "bad-1" } });
    expect(bad).toMatchObject({ status: "pending", attempts: 1, lastError: "Error" });
    expect(bad.leaseUntil!.getTime() - clock.now().getTime()).toBe(1_000);
    await w.tick();
    expect(throws).toBe(1); // not before its pause is over; bad-2 waits behind it
    clock.advance(1_000);
    await w.tick();
    bad = await t.db.inboxEvent.findFirstOrThrow({ where: { eventKey: "bad-1" } });
    expect(bad).toMatchObject({ status: "pending", attempts: 2 });
    expect(bad.leaseUntil!.getTime() - clock.now().getTime()).toBe(2_000);
    clock.advance(2_000);
    await drain(w);
    expect(throws).toBe(3);
    bad = await t.db.inboxEvent.findFirstOrThrow({ where: { eventKey: "bad-1" } });
    expect(bad).toMatchObject({ status: "failed", attempts: 3, leaseUntil: null });
    expect(seen).toEqual(["ok:msg 1", "bad:msg 2"]); // the conversation moves on after giving up
    expect(await t.db.handover.count()).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `in:${bad.id}:` } } })).toBe(0);
  });

  it("a turn that fails once and then succeeds is done with its replies queued once", async () => {
    const clock = manualClock();
    await storeInbound(t.db, [textEvent("flaky", 1)]);
    let calls = 0;
    const echo = echoBot();
    const bot: Bot = async (turn) => {
      if (calls++ === 0) throw new Error("transient");
      return echo(turn);
    };
    const w = worker({ bot, now: clock.now });
    await w.tick();
    clock.advance(1_000);
    await drain(w);
    expect(await t.db.inboxEvent.findFirstOrThrow()).toMatchObject({ status: "done", attempts: 2, lastError: null });
    expect(await t.db.outboxMessage.count()).toBe(1);
  });

  it("saves the conversation the bot changed and skips unknown events", async () => {
    await storeInbound(t.db, [textEvent("state", 1), { ...textEvent("state", 2), kind: "unknown" }]);
    const bot: Bot = async () => ({ replies: [], conversation: { flow: "report", step: "date", data: { n: 1 } } });
    await drain(worker({ bot }));
    const conv = await t.db.conversation.findFirstOrThrow({ where: { userId: "state" } });
    expect(conv).toMatchObject({ flow: "report", step: "date", version: 1 });
    expect(JSON.parse(conv.data)).toEqual({ n: 1 });
    expect(conv.lastInboundAt?.toISOString()).toBe(textEvent("state", 1).occurredAt);
    expect((await t.db.inboxEvent.findFirstOrThrow({ where: { eventKey: "state-2" } })).status).toBe("skipped");
  });
});
