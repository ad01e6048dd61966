// Property: whatever arrives at POST /webhooks/zalo — random bytes, random JSON, Zalo-like
// bodies with wrong types, huge numbers or missing parts, signed or not — the answer is
// one of 200/400/403/413, never a 500, and the server keeps running.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeZalo, zaloWebhookSignature } from "../../../tests/support/fake-zalo.js";
import { startTestServer, type TestServer } from "../../../tests/support/server.js";

const KNOWN = [
  "user_send_text",
  "user_send_image",
  "user_send_gif",
  "user_send_file",
  "user_send_sticker",
  "user_send_link",
  "user_send_location",
  "user_send_business_card",
  "user_submit_info",
  "follow",
  "unfollow",
  "user_click_chatnow",
  "user_seen_message",
  "user_received_message",
  "oa_send_text",
];

const id = fc.oneof(
  fc.constant("8309393969855402319"),
  fc.string({ maxLength: 80 }),
  fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String),
  fc.integer(),
  fc.constant(null),
);
const timestamp = fc.oneof(
  fc.constant("1751100041636"),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constant(undefined),
);
const coordinate = fc.oneof(fc.double().map(String), fc.double(), fc.string({ maxLength: 12 }), fc.constant("10.79"));
const attachment = fc.record(
  {
    type: fc.oneof(fc.constantFrom("image", "gif", "file", "link", "sticker", "location", "video"), fc.string({ maxLength: 40 })),
    payload: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ url: fc.oneof(fc.webUrl(), fc.string()) }, { requiredKeys: [] }),
      fc.record({ coordinates: fc.record({ latitude: coordinate, longitude: coordinate }, { requiredKeys: [] }) }),
    ),
  },
  { requiredKeys: [] },
);
const zaloLike = fc.record(
  {
    event_name: fc.oneof(fc.constantFrom(...KNOWN), fc.string({ maxLength: 120 }), fc.integer()),
    timestamp,
    app_id: fc.constant("102719276611582260"),
    sender: fc.oneof(fc.record({ id }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 })),
    recipient: fc.record({ id }, { requiredKeys: [] }),
    follower: fc.record({ id }, { requiredKeys: [] }),
    user_id: id,
    message: fc.oneof(
      fc.record(
        {
          msg_id: id,
          text: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
          msg_ids: fc.oneof(fc.array(id, { maxLength: 4 }), fc.string()),
          attachments: fc.oneof(fc.array(attachment, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    info: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  { weight: 6, arbitrary: zaloLike.map((o) => Buffer.from(JSON.stringify(o))) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? "null")) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
);
const signature = fc.oneof(
  { weight: 5, arbitrary: fc.constant<"valid">("valid") },
  { weight: 1, arbitrary: fc.constant<"mac">("mac") },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(..."abcdef0123456789mac= xyz"), maxLength: 80 }) },
);
const contentType = fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/octet-stream");

let fake: FakeZalo;
let server: TestServer;

beforeAll(async () => {
  fake = new FakeZalo();
  const { url } = await fake.start();
  // Workers run too: fuzzed events that get stored reach the bot, which must not crash either.
  server = await startTestServer({ ZALO_API_BASE: url, ZALO_OAUTH_BASE: url });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

describe("POST /webhooks/zalo under random input", () => {
  it("answers only 200, 400, 403 or 413", async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, signature, contentType, async (raw, sig, type) => {
        const headers: Record<string, string> = { "content-type": type };
        if (sig === "valid") headers["x-zevent-signature"] = zaloWebhookSignature(raw);
        else if (sig === "mac") headers["x-zevent-signature"] = `mac=${zaloWebhookSignature(raw)}`;
        else if (sig !== undefined) headers["x-zevent-signature"] = sig;
        const res = await fetch(`${server.url}/webhooks/zalo`, { method: "POST", headers, body: new Uint8Array(raw) });
        await res.arrayBuffer();
        seen.add(res.status);
        expect([200, 400, 403, 413]).toContain(res.status);
      }),
      { numRuns: 250 },
    );
    // The generators reach past the signature check into parsing and storage.
    expect(seen.has(200)).toBe(true);
    expect(seen.has(400)).toBe(true);
    expect(seen.has(403)).toBe(true);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000); // hundreds of real HTTP round trips: generous on a loaded CI machine
});
