// Auth failures and pauses: the outbox asks the channel to recover its credentials once;
// if that cannot help, the whole channel pauses instead of burning every row's attempts
// against a dead token, and nothing is sent on it until the pause ends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pauseChannel, resumeChannel } from "../../src/core/channel-state.js";
import { OutboxWorker } from "../../src/core/outbox-worker.js";
import { openTestDatabase, type TestDb } from "../support/db.js";
import { createTestChannel, FakePlatform, manualClock, queueReply, type TestChannel } from "../support/test-channel.js";

const PAUSE_MS = 10 * 60_000;

let t: TestDb;
let platform: FakePlatform;
let clock: ReturnType<typeof manualClock>;

beforeAll(async () => {
  t = await openTestDatabase();
  platform = await new FakePlatform().start();
});
afterAll(async () => {
  await platform.stop();
  await t.destroy();
});
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany();
  await t.db.channelState.deleteMany();
  platform.requests.length = 0;
  platform.validToken = "token-1";
  platform.refreshes = 0;
  clock = manualClock(Date.now());
});

function worker(...channels: TestChannel[]): OutboxWorker {
  return new OutboxWorker({
    db: t.db,
    channels: new Map(channels.map((c) => [c.id, c])),
    pollMs: 1_000,
    leaseMs: 30_000,
    maxAttempts: 5,
    authPauseMs: PAUSE_MS,
    now: clock.now,
  });
}

const row = (id: number) => t.db.outboxMessage.findUniqueOrThrow({ where: { id } });
const pausedUntil = async (channel: string) => (await t.db.channelState.findUnique({ where: { channel } }))?.pausedUntil ?? null;

describe("outbox worker: auth and pauses", () => {
  it("an expired token is recovered once and the row is sent without an attempt burned", async () => {
    const ch = createTestChannel(platform, { canRefresh: true });
    ch.token = "expired";
    const id = await queueReply(t.db, "u", "hello", clock.now());
    const w = worker(ch);
    await w.tick();
    expect(ch.recoverAuthCalls).toBe(1);
    expect(await row(id)).toMatchObject({ status: "retry", attempts: 0, errorClass: "auth" });
    expect((await row(id)).nextAttemptAt.getTime()).toBe(clock.now().getTime()); // at once, no backoff
    await w.tick();
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(platform.requests.map((r) => r.token)).toEqual(["expired", "token-2"]);
    expect(await pausedUntil("test")).toBeNull();
  });

  it("when recovery cannot help: one recovery attempt, the channel pauses, attempts untouched", async () => {
    const dead = createTestChannel(platform, { canRefresh: false });
    dead.token = "revoked";
    const other = createTestChannel(platform, { id: "other" });
    const ids = [await queueReply(t.db, "a", "a1", clock.now()), await queueReply(t.db, "a", "a2", clock.now())];
    const otherId = await queueReply(t.db, "b", "b1", clock.now(), "other");
    const w = worker(dead, other);
    await w.tick();
    expect(dead.recoverAuthCalls).toBe(1);
    expect(await pausedUntil("test")).toEqual(new Date(clock.now().getTime() + PAUSE_MS));
    expect(await row(ids[0]!)).toMatchObject({ status: "retry", attempts: 0, errorClass: "auth" });
    expect((await row(ids[0]!)).lastError).toMatch(/^401: /);
    expect(await row(otherId)).toMatchObject({ status: "sent" }); // other channels are not held up

    // Paused: no call at all, however often the worker looks, until the pause ends.
    for (let i = 0; i < 3; i++) await w.tick();
    clock.advance(PAUSE_MS - 1);
    await w.tick();
    expect(platform.textsFor("a")).toEqual(["a1"]);
    expect(dead.recoverAuthCalls).toBe(1);

    dead.token = platform.validToken; // staff renewed the authorisation
    clock.advance(1);
    await w.tick();
    await w.tick();
    expect(platform.textsFor("a")).toEqual(["a1", "a1", "a2"]);
    expect(await row(ids[0]!)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a burst of auth failures across many people burns no attempts and pauses the channel", async () => {
    const dead = createTestChannel(platform, { canRefresh: false });
    dead.token = "revoked";
    const ids = [];
    for (const u of ["p1", "p2", "p3", "p4"]) ids.push(await queueReply(t.db, u, "hi", clock.now()));
    const w = worker(dead);
    await w.tick();
    await w.tick();
    expect(platform.requests.length).toBeLessThanOrEqual(4);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "retry", attempts: 0 });
    expect(await pausedUntil("test")).not.toBeNull();
  });

  it("a channel without recoverAuth pauses straight away", async () => {
    const plain = createTestChannel(platform);
    plain.token = "revoked";
    const id = await queueReply(t.db, "u", "hello", clock.now());
    await worker(plain).tick();
    expect(await row(id)).toMatchObject({ status: "retry", attempts: 0, errorClass: "auth" });
    expect(await pausedUntil("test")).toEqual(new Date(clock.now().getTime() + PAUSE_MS));
  });

  it("a paused channel sends nothing until the pause ends or staff resume it", async () => {
    const ch = createTestChannel(platform);
    await pauseChannel(t.db, "test", new Date(clock.now().getTime() + 60_000), "maintenance");
    const id = await queueReply(t.db, "u", "hello", clock.now());
    const w = worker(ch);
    await w.tick();
    expect(platform.requests).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 0 });
    await resumeChannel(t.db, "test");
    await w.tick();
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });

    const later = await queueReply(t.db, "u", "again", clock.now());
    await pauseChannel(t.db, "test", new Date(clock.now().getTime() + 60_000), "maintenance");
    await w.tick();
    expect((await row(later)).status).toBe("queued");
    clock.advance(60_000);
    await w.tick();
    expect((await row(later)).status).toBe("sent");
  });
});
