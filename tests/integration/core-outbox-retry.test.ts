// How the outbox treats each kind of failure the platform answers with, over real HTTP:
// backoff with jitter under a cap, Retry-After honoured, a bound on attempts, permanent
// and policy failures kept with their reason, and network errors retried.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_PLATFORM_WAIT_MS, RATE_LIMIT_POLICY, RETRY_POLICY } from "../../src/core/backoff.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../../src/core/outbox-worker.js";
import { openTestDatabase, type TestDb } from "../support/db.js";
import { createTestChannel, FakePlatform, manualClock, queueReply, type TestChannel } from "../support/test-channel.js";

let t: TestDb;
let platform: FakePlatform;
let channel: TestChannel;
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
  // Each scenario starts with the channel free: a rate limit in one pauses the whole channel.
  await t.db.channelState.deleteMany();
  platform.requests.length = 0;
  channel = createTestChannel(platform);
  clock = manualClock(Date.now());
});

function worker(o: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  return new OutboxWorker({ db: t.db, channels: new Map([["test", channel]]), pollMs: 1_000, leaseMs: 30_000, maxAttempts: 5, now: clock.now, ...o });
}

const row = (id: number) => t.db.outboxMessage.findUniqueOrThrow({ where: { id } });

/** One attempt: tick, then the delay the worker chose before the next one (or null). */
async function attempt(w: OutboxWorker, id: number): Promise<number | null> {
  await w.tick();
  const r = await row(id);
  if (r.status !== "retry") return null;
  const delay = r.nextAttemptAt.getTime() - clock.now().getTime();
  clock.advance(delay);
  return delay;
}

describe("outbox worker: failures", () => {
  it("retries 5xx with exponential backoff and jitter under the cap, then fails as `retryable_exhausted`", async () => {
    platform.script = () => ({ status: 503 });
    const id = await queueReply(t.db, "u", "hello", clock.now());
    const w = worker({ maxAttempts: 12 });
    const delays: number[] = [];
    for (let n = 1; n <= 11; n++) {
      const delay = await attempt(w, id);
      expect(delay).not.toBeNull();
      const exp = Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (n - 1));
      expect(delay!).toBeGreaterThanOrEqual(exp / 2);
      expect(delay!).toBeLessThanOrEqual(exp);
      delays.push(delay!);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(RETRY_POLICY.capMs);
    expect(delays.slice(-2).every((d) => d >= RETRY_POLICY.capMs / 2)).toBe(true); // the cap was reached
    expect(await attempt(w, id)).toBeNull();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 12, errorClass: "retryable_exhausted" });
    expect((await row(id)).lastError).toMatch(/^503: /);
    await w.tick();
    expect(platform.requests).toHaveLength(12); // and never again
  });

  it("jitter is half fixed, half random", async () => {
    platform.script = () => ({ status: 500 });
    const ids = [await queueReply(t.db, "j0", "x", clock.now()), await queueReply(t.db, "j1", "x", clock.now())];
    const rnd = [0, 1];
    let i = 0;
    await worker({ random: () => rnd[i++ % 2]!, concurrency: 1 }).tick();
    const delays = await Promise.all(ids.map(async (id) => (await row(id)).nextAttemptAt.getTime() - clock.now().getTime()));
    expect(delays.sort((a, b) => a - b)).toEqual([RETRY_POLICY.baseMs / 2, RETRY_POLICY.baseMs]);
  });

  it("a rate limit honours Retry-After (bounded), else backs off on the rate-limit policy", async () => {
    const answers = [{ status: 429, retryAfterS: 120 }, { status: 429 }, { status: 429, retryAfterS: 100_000 }, { status: 200 }];
    platform.script = (_req, n) => answers[n - 1]!;
    const id = await queueReply(t.db, "u", "hello", clock.now());
    const w = worker();
    expect(await attempt(w, id)).toBe(120_000);
    const second = await attempt(w, id);
    expect(second!).toBeGreaterThanOrEqual(RATE_LIMIT_POLICY.baseMs);
    expect(second!).toBeLessThanOrEqual(RATE_LIMIT_POLICY.baseMs * 2);
    expect(await attempt(w, id)).toBe(MAX_PLATFORM_WAIT_MS); // an absurd Retry-After is capped
    expect(await attempt(w, id)).toBeNull();
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 4, errorClass: null, lastError: null });
  });

  it("a short rate limit slows the whole channel: the next message waits it out too, then both go", async () => {
    const answers = [{ status: 429, retryAfterS: 30 }];
    platform.script = (_req, n) => answers[n - 1] ?? { status: 200 };
    const first = await queueReply(t.db, "u", "one", clock.now());
    const w = worker();
    await w.tick();
    expect(await row(first)).toMatchObject({ status: "retry", errorClass: "rate_limited" });
    expect((await t.db.channelState.findUniqueOrThrow({ where: { channel: "test" } })).pausedReason).toMatch(/^rate_limited/);
    const second = await queueReply(t.db, "v", "two", clock.now());
    await w.tick();
    expect(await row(second)).toMatchObject({ status: "queued" }); // held: not sent into the limit
    expect(platform.requests).toHaveLength(1);
    clock.advance(30_000);
    await w.tick();
    await w.tick();
    expect([(await row(first)).status, (await row(second)).status]).toEqual(["sent", "sent"]);
  });

  it("a rate limit that never lifts fails as `rate_limited_exhausted` after OUTBOX_MAX_ATTEMPTS", async () => {
    platform.script = () => ({ status: 429, retryAfterS: 1 });
    const id = await queueReply(t.db, "u", "hello", clock.now());
    const w = worker({ maxAttempts: 3 });
    while ((await attempt(w, id)) !== null);
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 3, errorClass: "rate_limited_exhausted" });
    expect(platform.requests).toHaveLength(3);
  });

  it.each([
    [400, "permanent"],
    [403, "policy"],
  ])("HTTP %i fails at once as %s, keeping the reason, and the next reply goes out", async (status, errorClass) => {
    platform.script = (req) => ({ status: req.text === "first" ? status : 200 });
    const id = await queueReply(t.db, "u", "first", clock.now());
    await queueReply(t.db, "u", "second", clock.now());
    const w = worker();
    await w.tick();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1, errorClass, lastError: `${status}: platform refused` });
    await w.tick();
    await w.tick();
    expect(platform.textsFor("u")).toEqual(["first", "second"]);
  });

  it("a network error (platform unreachable) is retried", async () => {
    const down = await new FakePlatform().start();
    await down.stop();
    channel = createTestChannel(down);
    const id = await queueReply(t.db, "u", "hello", clock.now());
    await worker({ random: () => 0 }).tick();
    const r = await row(id);
    expect(r).toMatchObject({ status: "retry", attempts: 1, errorClass: "retryable" });
    expect(r.nextAttemptAt.getTime() - clock.now().getTime()).toBe(RETRY_POLICY.baseMs / 2);
  });

  it("a row for a channel that is not configured fails as permanent", async () => {
    const id = await queueReply(t.db, "u", "hello", clock.now(), "gone");
    await worker().tick();
    expect(await row(id)).toMatchObject({ status: "failed", errorClass: "permanent" });
    expect((await row(id)).lastError).toMatch(/^no_channel: /);
  });
});
