// Fault suite: the real Zalo and Messenger channels against their fakes, which fail about one
// call in five — 5xx, timeouts (the fake answers after the client gave up), expired Zalo
// tokens (refreshed by the channel), and bursts of 429 with Retry-After — for FAULT_MESSAGES
// messages (10,000 by default, half per platform). Every message must end sent or failed with
// a reason; duplicates at the platform only from timed-out calls (the platform got the message,
// we never heard); after a 429 the account waits at least Retry-After (from the fakes' clocks).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChannels } from "../../src/channels/registry.js";
import { queueOutbound } from "../../src/core/outbox.js";
import type { FakeZaloStep } from "../../src/channels/zalo/fake.js";
import type { ScriptStep } from "../../src/channels/messenger/fake.js";
import { FakeMeta } from "../support/fake-meta.js";
import { FakeZalo } from "../support/fake-zalo.js";
import { eventually, startTestServer, type TestServer } from "../support/server.js";

const TOTAL = Number(process.env.FAULT_MESSAGES ?? 10_000);
const PEOPLE = 250; // per platform
const TIMEOUT_MS = 300;
const RETRY_AFTER_S = 2;

let zalo: FakeZalo;
let meta: FakeMeta;
let server: TestServer;

/** mulberry32: the same faults on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "ok" | "5xx" | "timeout" | "expired" | "429";

/** One in five calls fails (5xx, timeouts); 429s come in three bursts (a rate limit is the account's, not one call's). */
function plan(n: number, seed: number, withExpiry: boolean): Kind[] {
  const r = rng(seed);
  const kinds: Kind[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    kinds.push(x < 0.12 ? "5xx" : x < 0.2 ? "timeout" : "ok");
  }
  // A Zalo access token expires once mid-run (it lives 25 hours; the channel refreshes it, and
  // treats a token refused within a minute of being minted as revoked, so once is what is real).
  if (withExpiry) kinds[Math.floor(n * 0.4)] = "expired";
  for (const at of [0.2, 0.5, 0.8]) for (let k = 0; k < 12; k++) kinds[Math.floor(n * at) + k] = "429";
  return kinds;
}

beforeAll(async () => {
  zalo = new FakeZalo();
  meta = new FakeMeta();
  const [z, m] = await Promise.all([zalo.start(), meta.start()]);
  const calls = Math.ceil(TOTAL * 0.75); // per platform, retries included; then every call succeeds
  zalo.script(plan(calls, 1, true).map((k): FakeZaloStep => (k === "5xx" ? { status: 503 } : k === "timeout" ? { delayMs: TIMEOUT_MS + 150 } : k === "expired" ? { expireToken: true } : k === "429" ? { status: 429, headers: { "retry-after": String(RETRY_AFTER_S) } } : {})));
  // A Page token does not refresh (a person renews it), so Messenger gets no expiry here.
  meta.script(plan(calls, 2, false).map((k): ScriptStep => (k === "5xx" ? { status: 500 } : k === "timeout" ? { delayMs: TIMEOUT_MS + 150 } : k === "429" ? { status: 429, headers: { "retry-after": String(RETRY_AFTER_S) } } : {})));
  server = await startTestServer({ ZALO_API_BASE: z.url, ZALO_OAUTH_BASE: z.url, GRAPH_API_BASE: m.url, HTTP_TIMEOUT_MS: String(TIMEOUT_MS), OUTBOX_MAX_ATTEMPTS: "8", WORKER_POLL_MS: "20" }, { role: "worker" });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([zalo?.stop(), meta?.stop()]);
});

describe("platforms failing one call in five", () => {
  it(`${TOTAL} messages: each ends sent or failed with a reason; duplicates only from timeouts; Retry-After kept`, { timeout: 600_000 }, async () => {
    const db = server.database.db;
    const channels = buildChannels({ config: server.config, db });
    const started = Date.now();
    const per = TOTAL / 2 / PEOPLE;
    for (const [channel, prefix] of [["zalo", "8309393969"], ["messenger", "1254477777"]] as const) {
      for (let n = 0; n < per; n++) {
        const messages = Array.from({ length: PEOPLE }, (_, p) => ({ channel, recipientId: `${prefix}${String(p).padStart(4, "0")}`, text: `fault ${channel} ${p} #${n}`, purpose: "response" as const }));
        // One cause per message (its own dedupe key), queued in batches as the inbox worker would.
        for (const m of messages) await queueOutbound(db, channels, [m], { dedupePrefix: `fault:${m.recipientId}:${n}` });
      }
    }
    server.outbox.nudge();
    const open = () => db.outboxMessage.count({ where: { status: { in: ["queued", "retry", "sending"] } } });
    await eventually(async () => (await open()) === 0, Number(process.env.FAULT_WAIT_MS ?? 560_000)).catch(async (err) => {
      const left = await db.outboxMessage.groupBy({ by: ["status", "channel", "errorClass", "lastError"], _count: { _all: true } });
      console.log(JSON.stringify(left), JSON.stringify(await db.channelState.findMany({ select: { channel: true, pausedUntil: true, pausedReason: true } })));
      throw err;
    });
    const seconds = (Date.now() - started) / 1000;

    const rows = await db.outboxMessage.findMany({ select: { status: true, lastError: true, errorClass: true, payload: true, channel: true, attempts: true } });
    expect(rows).toHaveLength(TOTAL);
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    for (const r of rows) {
      expect(["sent", "failed"]).toContain(r.status);
      if (r.status === "failed") expect(r.lastError).toBeTruthy();
    }

    // What the platforms got: each message's text counted once per accepted call.
    const accepted = new Map<string, number>();
    for (const b of zalo.messages()) accepted.set(b.message?.text ?? "", (accepted.get(b.message?.text ?? "") ?? 0) + 1);
    for (const r of meta.requests.filter((q) => q.status === 200)) {
      const text = (r.body as { message?: { text?: string } })?.message?.text ?? "";
      accepted.set(text, (accepted.get(text) ?? 0) + 1);
    }
    let duplicates = 0;
    let lost = 0;
    for (const r of rows) {
      const text = (JSON.parse(r.payload) as { message?: { text?: string } }).message?.text ?? "";
      const got = accepted.get(text) ?? 0;
      if (r.status === "sent" && got === 0) lost++;
      duplicates += Math.max(0, got - 1);
    }
    expect(lost).toBe(0);
    const timedOut = countTimedOut();
    expect(duplicates).toBeLessThanOrEqual(timedOut);

    // Retry-After: after a 429 the account sent nothing new for RETRY_AFTER_S (requests already on
    // their way when the answer came are allowed 100 ms).
    const gaps: number[] = [];
    const check = (times: { at: number; limited: boolean }[]) => {
      for (const [i, r] of times.entries()) {
        if (!r.limited) continue;
        const next = times.slice(i + 1).find((x) => x.at > r.at + 100 && !x.limited);
        if (next) gaps.push(next.at - r.at);
      }
    };
    check(zalo.requests.filter((r) => r.path.includes("/message/")).map((r) => ({ at: r.at, limited: r.outcome === "429" })));
    check(meta.requests.map((r) => ({ at: r.receivedAt.getTime(), limited: r.status === 429 })));
    expect(gaps.length).toBeGreaterThan(0);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 100);

    const calls = zalo.requests.filter((r) => r.path.includes("/message/")).length + meta.requests.length;
    console.log(JSON.stringify({ fault: "platforms", messages: TOTAL, calls, byStatus, duplicates, timedOut, refreshes: zalo.refreshCalls().length, minGapAfter429Ms: Math.min(...gaps), seconds: Math.round(seconds) }));
  });
});

/** Calls the client gave up on: the fakes answered them after TIMEOUT_MS. */
function countTimedOut(): number {
  return zalo.requests.filter((r) => r.path.includes("/message/") && (r.delayedMs ?? 0) > TIMEOUT_MS).length + meta.requests.filter((r) => (r.delayedMs ?? 0) > TIMEOUT_MS).length;
}
