// Open-loop end-to-end latency: events are sent on a fixed schedule (not when the previous
// answer came back), and each is timed from its scheduled moment to the arrival of its
// reply at the fake Zalo (tests/support/fake-zalo.ts, which stamps each request with
// Date.now() in this same process). Replies are matched by recipient and order: a person's
// replies leave in the order their messages were stored, and a person never has two
// webhook calls in flight at once here, so stored order = sent order.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import type { FakeZalo } from "../tests/support/fake-zalo.js";
import { round } from "./ack-phase.js";
import { signedTextEvent, WEBHOOK_PATH } from "./zalo-events.js";

export interface E2eOptions {
  ratePerSec: number;
  durationSec: number;
  /** The people who write, as Zalo user ids. */
  users: string[];
  drainSec: number;
  /** Reply parts the fake receives per event (from introduceUsers()). */
  parts: number;
  /** Parts of each user's introduction reply: skipped, even if they arrive late. */
  skipParts: number;
}

interface Sent {
  userId: string;
  /** Epoch ms (fractional) when the schedule said to send. */
  intendedAt: number;
  ackedAt?: number;
  status?: number;
}

const MESSAGE_PATH = "/v3.0/oa/message/cs";
const agent = new Agent({ keepAlive: true, maxSockets: 128 });
/** An unanswered webhook call is given up (status 0) after this long. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Wall-clock ms with sub-ms resolution, comparable with the fake's Date.now() stamps. */
const wallNow = () => performance.timeOrigin + performance.now();

export function postEvent(url: string, userId: string): Promise<number> {
  const e = signedTextEvent(userId);
  return new Promise((resolve) => {
    const req = request(url + WEBHOOK_PATH, { method: "POST", agent, headers: { ...e.headers, "content-length": Buffer.byteLength(e.body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy());
    req.on("error", () => resolve(0));
    req.end(e.body);
  });
}

/** Accepted sends as (arrival ms, recipient), in arrival order. */
export function replies(fake: FakeZalo): { at: number; userId: string }[] {
  return fake.requests
    .filter((r) => r.path === MESSAGE_PATH && r.outcome === "ok")
    .map((r) => ({ at: r.at, userId: String((r.body as { recipient?: { user_id?: unknown } }).recipient?.user_id ?? "") }));
}

/** Waits until `userId` has at least `n` replies and then a quiet half second; returns the count. */
async function settledReplies(fake: FakeZalo, userId: string, n: number): Promise<number> {
  const count = () => replies(fake).filter((r) => r.userId === userId).length;
  const start = performance.now();
  while (count() < n && performance.now() - start < 10_000) await sleep(10);
  await sleep(500);
  return count();
}

/**
 * Every measured person writes once before the window, so all measured messages come from
 * people the bot already knows (a first contact gets extra parts, e.g. the privacy notice),
 * and a probe person's second message says how many parts one reply has.
 */
export async function introduceUsers(url: string, fake: FakeZalo, users: string[], probeUser: string, ratePerSec: number): Promise<{ parts: number; firstContactParts: number }> {
  await postEvent(url, probeUser);
  const first = await settledReplies(fake, probeUser, 1);
  await postEvent(url, probeUser);
  const parts = (await settledReplies(fake, probeUser, first + 1)) - first;
  const introduced = new Set(users);
  for (const u of users) {
    void postEvent(url, u);
    await sleep(1000 / ratePerSec);
  }
  // Bounded wait for their answers, so they do not queue ahead of the measured events.
  const answered = () => new Set(replies(fake).filter((r) => introduced.has(r.userId)).map((r) => r.userId)).size;
  for (let waited = 0; answered() < users.length && waited < 5_000; waited += 50) await sleep(50);
  return { parts: Math.max(1, parts), firstContactParts: first };
}

export async function runE2e(url: string, fake: FakeZalo, o: E2eOptions) {
  const total = Math.round(o.ratePerSec * o.durationSec);
  const sent: Sent[] = [];
  const inFlight = new Set<string>();
  let rng = 0x9e3779b9;
  const pickUser = (): string => {
    rng = (Math.imul(rng ^ (rng >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    for (let i = 0; i < o.users.length; i++) {
      const id = o.users[(rng + i) % o.users.length]!;
      if (!inFlight.has(id)) return id;
    }
    return o.users[rng % o.users.length]!;
  };
  const acks: Promise<void>[] = [];
  const t0 = wallNow();
  let maxLagMs = 0;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const now = wallNow();
      const due = Math.min(total, Math.floor(((now - t0) * o.ratePerSec) / 1000) + 1);
      while (sent.length < due) {
        const s: Sent = { userId: pickUser(), intendedAt: t0 + (sent.length * 1000) / o.ratePerSec };
        maxLagMs = Math.max(maxLagMs, now - s.intendedAt);
        sent.push(s);
        inFlight.add(s.userId);
        acks.push(
          postEvent(url, s.userId).then((status) => {
            s.status = status;
            s.ackedAt = wallNow();
            inFlight.delete(s.userId);
          }),
        );
      }
      if (sent.length >= total) {
        clearInterval(timer);
        done();
      }
    }, 2);
  });
  const sendWindowSec = (wallNow() - t0) / 1000;
  // One bounded drain after the last send, for the outstanding acks and then the replies.
  const drainStart = wallNow();
  const deadline = drainStart + o.drainSec * 1000;
  await Promise.race([Promise.all(acks), sleep(o.drainSec * 1000)]);
  for (const s of sent) s.status ??= 0; // no answer by the deadline: counted as timed out
  const measured = new Set(o.users);
  const expected = sent.filter((s) => s.status === 200 || s.status === 0).length * o.parts + o.users.length * o.skipParts;
  const arrived = () => replies(fake).filter((r) => measured.has(r.userId)).length;
  while (arrived() < expected && wallNow() < deadline) await sleep(50);
  const drainedSec = (wallNow() - drainStart) / 1000;
  const got = replies(fake).filter((r) => measured.has(r.userId));
  const inWindow = got.filter((r) => r.at >= t0);
  const lastAt = inWindow.reduce((m, r) => Math.max(m, r.at), t0);
  return {
    ...summarise(got, sent, o, wallNow()),
    achievedPerSec: round(sent.length / sendWindowSec),
    // Replies delivered per second from the first send to the last reply: the turn rate the
    // server actually sustained (below offeredPerSec means it fell behind and queued).
    completedPerSec: round(inWindow.length / o.parts / ((lastAt - t0) / 1000)),
    maxSendLagMs: round(maxLagMs),
    drainSec: round(drainedSec),
  };
}

function summarise(arrivals: { at: number; userId: string }[], sent: Sent[], o: E2eOptions, endAt: number) {
  const byRecipient = new Map<string, number[]>();
  for (const a of arrivals) {
    const list = byRecipient.get(a.userId) ?? [];
    list.push(a.at);
    byRecipient.set(a.userId, list);
  }
  const nth = new Map<string, number>();
  const replyMs: number[] = [];
  let missing = 0;
  for (const s of sent) {
    // A 4xx/5xx was not stored; a timeout (status 0) most likely was, and its reply takes
    // its place in the person's order, so it is matched too (and counted if missing).
    if (s.status !== 200 && s.status !== 0) continue;
    const k = nth.get(s.userId) ?? 0;
    nth.set(s.userId, k + 1);
    // The last part of the k-th reply group: the whole answer has arrived.
    const last = byRecipient.get(s.userId)?.[o.skipParts + k * o.parts + o.parts - 1];
    // A reply still missing at the end counts with the time waited so far: the percentiles
    // are then lower bounds (replyIsLowerBound), never flattered by leaving it out.
    if (last === undefined) missing++;
    replyMs.push((last ?? endAt) - s.intendedAt);
  }
  let extra = 0;
  for (const [user, n] of nth) extra += Math.max(0, (byRecipient.get(user)?.length ?? 0) - o.skipParts - n * o.parts);
  const ackMs = sent.filter((s) => s.ackedAt !== undefined).map((s) => s.ackedAt! - s.intendedAt);
  return {
    offeredPerSec: o.ratePerSec,
    durationSec: o.durationSec,
    sent: sent.length,
    ok2xx: sent.filter((s) => s.status === 200).length,
    non2xx: sent.filter((s) => s.status !== 200 && s.status !== 0).length,
    timedOut: sent.filter((s) => s.status === 0).length,
    users: o.users.length,
    replyPartsPerEvent: o.parts,
    reply: { p50Ms: pct(replyMs, 50), p90Ms: pct(replyMs, 90), p99Ms: pct(replyMs, 99), maxMs: pct(replyMs, 100) },
    replyIsLowerBound: missing > 0,
    // Zalo wants its 200 within 2 s and redelivers otherwise (docs/reference/platforms/zalo.md §2).
    ack: { p50Ms: pct(ackMs, 50), p99Ms: pct(ackMs, 99), maxMs: pct(ackMs, 100), over2sPct: round((100 * ackMs.filter((ms) => ms > 2000).length) / Math.max(1, ackMs.length)) },
    missingReplies: missing,
    extraReplies: extra,
  };
}

export function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[i]!);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
