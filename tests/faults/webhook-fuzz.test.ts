// 100,000 fuzzed webhook requests (FUZZ_REQUESTS; half Zalo, half Messenger) against the real
// server: platform-shaped bodies with fields of the wrong type, missing or huge, random JSON and
// bytes, with valid, missing, wrong and garbage signatures and content types. Not one 5xx, the
// process keeps running, and its memory stays flat (RSS sampled every 10,000 requests). The
// SQLite pass only (the database is not what is fuzzed; the stored events are the bot's
// fuzz target, tests/unit/bot/bot-fuzz.test.ts). Web role: storing, not answering.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usingPostgres } from "../support/db.js";
import { metaSignature } from "../support/fake-meta.js";
import { zaloWebhookSignature } from "../support/fake-zalo.js";
import { startTestServer, TEST_SECRETS, type TestServer } from "../support/server.js";

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const PARALLEL = 16;
let server: TestServer;

const anyValue = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String));
/** A field as the platform sends it, or something else in its place, or missing. */
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: anyValue }, { weight: 1, arbitrary: fc.constant(undefined) });
const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 50 }), fc.constant("cuu toi voi"), fc.string({ unit: "binary", maxLength: 30 }));

const zaloBody = fc.record({
  event_name: maybe(fc.constantFrom("user_send_text", "user_send_image", "user_send_location", "user_send_sticker", "follow", "unfollow", "user_seen_message", "oa_send_text", "user_submit_info", "nonsense")),
  app_id: maybe(fc.constant(TEST_SECRETS.ZALO_APP_ID)),
  sender: maybe(fc.record({ id: maybe(fc.bigInt({ min: 1n, max: 10n ** 19n }).map(String)) })),
  recipient: maybe(fc.record({ id: maybe(fc.constant(TEST_SECRETS.ZALO_OA_ID)) })),
  message: maybe(fc.record({ text: maybe(text), msg_id: maybe(fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 1, maxLength: 40 })), attachments: maybe(fc.array(fc.record({ type: maybe(fc.constantFrom("image", "location", "file")), payload: maybe(fc.object({ maxDepth: 1 })) }), { maxLength: 2 })) })),
  timestamp: maybe(fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }).map((n) => String(n * 1000)), fc.string({ maxLength: 15 }))),
});

const messengerBody = fc.record({
  object: maybe(fc.constantFrom("page", "user", "instagram")),
  entry: maybe(
    fc.array(
      fc.record({
        id: maybe(fc.constant(TEST_SECRETS.MESSENGER_PAGE_ID)),
        time: maybe(fc.integer({ min: 0 })),
        messaging: maybe(
          fc.array(
            fc.record({
              sender: maybe(fc.record({ id: maybe(fc.bigInt({ min: 1n, max: 10n ** 17n }).map(String)) })),
              recipient: maybe(fc.record({ id: maybe(fc.constant(TEST_SECRETS.MESSENGER_PAGE_ID)) })),
              timestamp: maybe(fc.integer({ min: 0 })),
              message: maybe(fc.record({ mid: maybe(fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 1, maxLength: 40 })), text: maybe(text), is_echo: maybe(fc.boolean()), quick_reply: maybe(fc.record({ payload: maybe(fc.string({ maxLength: 30 })) })) })),
              postback: maybe(fc.record({ payload: maybe(fc.string({ maxLength: 30 })), title: maybe(fc.string({ maxLength: 20 })) })),
            }),
            { maxLength: 3 },
          ),
        ),
      }),
      { maxLength: 2 },
    ),
  ),
});

const asBytes = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 8, arbitrary: shaped.map((b) => Buffer.from(JSON.stringify(b) ?? "")) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? "")) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)) },
  );
const sigMode = fc.constantFrom("valid", "valid", "valid", "valid", "none", "wrong", "garbage");
const contentType = fc.oneof({ weight: 5, arbitrary: fc.constant("application/json") }, { weight: 1, arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "") });

type Request = { path: string; body: Buffer; headers: Record<string, string> };
const zaloRequest = fc.tuple(asBytes(zaloBody), sigMode, contentType, fc.string({ maxLength: 70 })).map(([body, sig, type, garbage]): Request => {
  const headers: Record<string, string> = type ? { "content-type": type } : {};
  if (sig === "valid") headers["x-zevent-signature"] = zaloWebhookSignature(body);
  if (sig === "wrong") headers["x-zevent-signature"] = zaloWebhookSignature(body, { appId: TEST_SECRETS.ZALO_APP_ID, oaSecretKey: "not-it" });
  if (sig === "garbage") headers["x-zevent-signature"] = garbage.replace(/[^\x20-\x7e]/g, "");
  return { path: "/webhooks/zalo", body, headers };
});
const messengerRequest = fc.tuple(asBytes(messengerBody), sigMode, contentType, fc.string({ maxLength: 70 })).map(([body, sig, type, garbage]): Request => {
  const headers: Record<string, string> = type ? { "content-type": type } : {};
  if (sig === "valid") headers["x-hub-signature-256"] = metaSignature(body);
  if (sig === "wrong") headers["x-hub-signature-256"] = metaSignature(body, "not-the-secret");
  if (sig === "garbage") headers["x-hub-signature-256"] = garbage.replace(/[^\x20-\x7e]/g, "");
  return { path: "/webhooks/messenger", body, headers };
});

beforeAll(async () => {
  if (!usingPostgres()) server = await startTestServer({}, { role: "web" });
});
afterAll(async () => {
  await server?.close();
});

describe.skipIf(usingPostgres())("webhooks under 100,000 fuzzed requests", () => {
  it(`${TOTAL} requests: no 5xx, the server stays up, memory flat`, { timeout: 900_000 }, async () => {
    const statuses: Record<string, number> = {};
    const rss: number[] = [];
    const started = Date.now();
    let done = 0;
    let seed = 1;
    while (done < TOTAL) {
      const batch = Math.min(2_000, TOTAL - done);
      const reqs = [...fc.sample(zaloRequest, { numRuns: batch / 2, seed: seed++ }), ...fc.sample(messengerRequest, { numRuns: batch / 2, seed: seed++ })];
      for (let i = 0; i < reqs.length; i += PARALLEL) {
        await Promise.all(
          reqs.slice(i, i + PARALLEL).map(async (r) => {
            const res = await fetch(`${server.url}${r.path}`, { method: "POST", headers: r.headers, body: new Uint8Array(r.body) });
            await res.arrayBuffer();
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          }),
        );
      }
      done += reqs.length;
      if (done % 10_000 === 0) rss.push(Math.round(process.memoryUsage().rss / 1e6));
    }
    const fivexx = Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0);
    const stored = await server.database.db.inboxEvent.count();
    console.log(JSON.stringify({ fault: "webhook-fuzz", requests: done, statuses, fivexx, stored, rssMbEvery10k: rss, seconds: Math.round((Date.now() - started) / 1000) }));
    expect(fivexx).toBe(0);
    expect(statuses[200] ?? 0).toBeGreaterThan(0);
    expect(statuses[403] ?? 0).toBeGreaterThan(0);
    expect(statuses[400] ?? 0).toBeGreaterThan(0);
    expect(stored).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Flat: after the first samples (caches, JIT), no steady growth.
    if (rss.length >= 4) expect(rss.at(-1)! - rss[1]!).toBeLessThan(120);
  });
});
