// Random bodies and headers against the real POST /webhooks/messenger: the answer is
// always one of 200/400/403/413, never a 500, nothing unsigned is stored, and the server
// keeps answering.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaSignature, postMessengerWebhook } from "../../../tests/support/fake-meta.js";
import { startTestServer, TEST_SECRETS, type TestServer } from "../../../tests/support/server.js";

const PAGE = TEST_SECRETS.MESSENGER_PAGE_ID;
let server: TestServer;

beforeAll(async () => {
  // GRAPH_API_BASE points nowhere: workers are off and nothing may be sent.
  server = await startTestServer({ GRAPH_API_BASE: "http://127.0.0.1:9" }, { workers: false });
});
afterAll(async () => {
  await server?.close();
});

const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant("1254477777772919"), fc.constant(PAGE));
const value = fc.oneof(leaf, fc.jsonValue({ maxDepth: 3 }));
const item = fc.record(
  {
    sender: fc.oneof(fc.record({ id: fc.oneof(fc.constant("1254477777772919"), leaf) }), value),
    recipient: fc.oneof(fc.constant({ id: PAGE }), value),
    timestamp: fc.oneof(fc.integer(), fc.string(), fc.constant(1458692752478)),
    message: fc.oneof(value, fc.record({ mid: value, text: value, is_echo: value, quick_reply: value, attachments: fc.array(value, { maxLength: 3 }) }, { requiredKeys: [] })),
    postback: value,
    delivery: value,
    read: value,
    referral: value,
    optin: value,
  },
  { requiredKeys: [] },
);
const pageBody = fc.record({
  object: fc.oneof(fc.constant("page"), leaf),
  entry: fc.oneof(fc.array(fc.record({ id: fc.oneof(fc.constant(PAGE), leaf), time: value, messaging: fc.oneof(fc.array(item, { maxLength: 4 }), value), standby: fc.array(item, { maxLength: 2 }) }, { requiredKeys: [] }), { maxLength: 3 }), value),
});
const bytes = fc.oneof(
  pageBody.map((b) => Buffer.from(JSON.stringify(b))),
  fc.jsonValue().map((b) => Buffer.from(JSON.stringify(b) ?? "")),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.string({ unit: "binary" }).map((s) => Buffer.from(s)),
);
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
// Mostly validly signed, so the parser is what gets exercised.
const hex = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 });
const signature: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("valid") },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: printable },
  { weight: 1, arbitrary: hex.map((h) => `sha256=${h}`) },
);
const contentType = fc.oneof(fc.constant("application/json"), fc.constant("text/plain"), fc.constant("application/x-www-form-urlencoded"), printable);

describe("POST /webhooks/messenger under random input", () => {
  it("answers only 200, 400, 403 or 413", async () => {
    await fc.assert(
      fc.asyncProperty(bytes, signature, contentType, async (body, sig, type) => {
        const res = await postMessengerWebhook(server.url, body, {
          "content-type": type,
          "x-hub-signature-256": sig === "valid" ? metaSignature(body) : sig,
        });
        const answer = await res.text();
        expect([200, 400, 403, 413]).toContain(res.status);
        // Unsigned, never stored: a 200 only for a body addressed to a Page this server does not
        // serve (acknowledged so Meta does not disable the app's webhook, nothing kept).
        if (sig !== "valid" && res.status === 200) expect(JSON.parse(answer)).toMatchObject({ unknownAccount: true, stored: 0 });
      }),
      { numRuns: 200 },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
