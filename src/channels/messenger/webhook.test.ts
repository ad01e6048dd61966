// POST /webhooks/messenger through the real server and database, table-driven like
// nyaruka/courier's handler tests: a new case is a new row, not a new test.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../core/messages.js";
import { FakeMeta, metaSignature, postMessengerWebhook } from "../../../tests/support/fake-meta.js";
import { startTestServer, TEST_SECRETS, type TestServer } from "../../../tests/support/server.js";

const TESTDATA = join(import.meta.dirname, "testdata");
const PSID = "1254477777772919";
const iso = (ms: number) => new Date(ms).toISOString();

type Headers = Record<string, string | null> | ((bytes: Buffer) => Record<string, string | null>);
interface Case {
  file: string;
  name?: string;
  headers?: Headers;
  expectStatus: number;
  expectEvents: Partial<InboundEvent>[];
  /** Inbox row status per event (receipts and messages are "pending", unknown is "skipped"). */
  expectRowStatus?: string[];
}

const CASES: Case[] = [
  {
    file: "message_text.json",
    expectStatus: 200,
    expectEvents: [
      { kind: "text", eventKey: "mid.1457764197618:41d102a3e1ae206a38", userId: PSID, text: "Xin chào, shop còn hàng không ạ?", occurredAt: iso(1458692752478) },
    ],
    expectRowStatus: ["pending"],
  },
  {
    file: "message_quick_reply.json",
    expectStatus: 200,
    expectEvents: [{ kind: "postback", eventKey: "mid.1457764197618:41d102a3e1ae206a39", payload: "PICK_COLOR_RED", text: "Màu đỏ" }],
  },
  {
    file: "message_attachment_image.json",
    expectStatus: 200,
    expectEvents: [
      { kind: "attachment", eventKey: "mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c", attachments: [{ type: "image", url: "https://scontent.xx.fbcdn.net/v/example-image.jpg" }], occurredAt: iso(1518479195308) },
    ],
  },
  { file: "message_echo.json", expectStatus: 200, expectEvents: [] },
  {
    file: "postback.json",
    expectStatus: 200,
    expectEvents: [
      { kind: "postback", eventKey: "m_1457764197618:41d102a3e1ae206a38", payload: "GET_STARTED", text: "Bắt đầu", referral: { ref: "khuyen-mai-thang-6", source: "SHORTLINK" } },
    ],
  },
  {
    file: "delivery.json",
    expectStatus: 200,
    expectEvents: [
      { kind: "delivery", eventKey: `delivery:${PSID}:1458668856253`, userId: PSID, receipt: { messageIds: ["mid.1458668856218:ed81099e15d3f4f233"], watermark: "1458668856253" } },
    ],
    expectRowStatus: ["pending"],
  },
  { file: "read.json", expectStatus: 200, expectEvents: [{ kind: "read", eventKey: `read:${PSID}:1458668856253`, receipt: { watermark: "1458668856253" } }] },
  {
    file: "batched_entries.json",
    expectStatus: 200,
    expectEvents: [
      { kind: "text", eventKey: "mid.1457764197618:41d102a3e1ae206a41", text: "Cho mình hỏi giá" },
      { kind: "read", eventKey: `read:${PSID}:1458692752400` },
      { kind: "postback", eventKey: "m_1457764197618:41d102a3e1ae206a42", userId: "2345588888883020", payload: "VIEW_PRODUCTS" },
    ],
  },
  {
    file: "referral.json",
    expectStatus: 200,
    expectEvents: [{ kind: "referral", eventKey: `referral:${PSID}:1458692752478:khuyen-mai-thang-6`, referral: { ref: "khuyen-mai-thang-6", source: "SHORTLINK" } }],
  },
  {
    file: "local/standby_message.json",
    expectStatus: 200,
    expectEvents: [{ kind: "unknown", eventKey: "standby:mid.1457764197618:41d102a3e1ae206a50", platformEvent: "standby:message", text: undefined }],
    expectRowStatus: ["skipped"],
  },
  { file: "local/user_ref_only.json", expectStatus: 200, expectEvents: [] },
  {
    // A person answered from the Page Inbox (its app id, not ours): an echo to the PSID, for the bot to go quiet.
    file: "local/page_inbox_echo.json",
    expectStatus: 200,
    expectEvents: [{ kind: "echo", userId: PSID, eventKey: "mid.1457764197618:41d102a3e1ae206a52", echo: { messageId: "mid.1457764197618:41d102a3e1ae206a52" }, text: "Chào chị, cán bộ Hội đây, chị đang ở đâu?" }],
    expectRowStatus: ["pending"],
  },
  {
    file: "local/string_timestamps.json",
    expectStatus: 200,
    expectEvents: [
      { kind: "postback", eventKey: `postback:${PSID}:1527459824000:MENU_HOTLINES`, occurredAt: iso(1527459824000), payload: "MENU_HOTLINES" },
      { kind: "read", eventKey: `read:${PSID}:1527459829000`, receipt: { watermark: "1527459829000" } },
    ],
  },
  {
    file: "local/reaction_and_handover.json",
    expectStatus: 200,
    expectEvents: [
      { kind: "unknown", eventKey: `reaction:${PSID}:1458692752478`, platformEvent: "reaction" },
      { kind: "unknown", eventKey: `pass_thread_control:${PSID}:1458692752500`, platformEvent: "pass_thread_control" },
    ],
    expectRowStatus: ["skipped", "skipped"],
  },
  // Signatures: nothing is stored unless the exact bytes are signed with our App Secret.
  { file: "message_text.json", name: "no signature", headers: { "x-hub-signature-256": null }, expectStatus: 403, expectEvents: [] },
  { file: "message_text.json", name: "zero signature", headers: { "x-hub-signature-256": `sha256=${"0".repeat(64)}` }, expectStatus: 403, expectEvents: [] },
  { file: "message_text.json", name: "other secret", headers: (b) => ({ "x-hub-signature-256": metaSignature(b, "not-our-secret") }), expectStatus: 403, expectEvents: [] },
  { file: "message_text.json", name: "bare hex", headers: (b) => ({ "x-hub-signature-256": metaSignature(b).slice("sha256=".length) }), expectStatus: 403, expectEvents: [] },
  {
    file: "message_text.json",
    name: "SHA-1 header only",
    headers: { "x-hub-signature-256": null, "x-hub-signature": "sha1=0000000000000000000000000000000000000000" },
    expectStatus: 403,
    expectEvents: [],
  },
  {
    file: "message_text.json",
    name: "upper-case hex",
    headers: (b) => ({ "x-hub-signature-256": `sha256=${metaSignature(b).slice(7).toUpperCase()}` }),
    expectStatus: 200,
    expectEvents: [{ kind: "text" }],
  },
];

/** Our expectation for each courier payload that answers 200 (courier's own is in cases.json). */
const T = iso(1459991487970); // 2016-04-07T01:11:27.970Z, courier's receivedOn
const COURIER_EVENTS: Record<string, Partial<InboundEvent>[]> = {
  "hello_msg.json": [{ kind: "text", eventKey: "external_id", userId: "5678", text: "Hello World", occurredAt: T }],
  "duplicate_msg.json": [{ kind: "text", eventKey: "external_id", text: "Hello World" }],
  "attachment.json": [{ kind: "attachment", eventKey: "external_id", attachments: [{ type: "image", url: "https://image-url/foo.png" }] }],
  "location_attachment.json": [{ kind: "location", eventKey: "external_id", location: { lat: 1.2, lng: -1.3 } }],
  "thumbs_up.json": [{ kind: "attachment", attachments: [{ type: "sticker", url: "https://scontent.xx.fbcdn.net/v/arst" }] }],
  "referral_optin.json": [{ kind: "referral", eventKey: "optin:5678:1459991487970:optin_ref", referral: { ref: "optin_ref", source: "optin" }, occurredAt: T }],
  "notification_messages_optin.json": [{ kind: "unknown", platformEvent: "optin:notification_messages" }],
  "postback_get_started.json": [{ kind: "postback", eventKey: "postback:5678:1459991487970:get_started", payload: "get_started", text: "postback title" }],
  "postback.json": [{ kind: "postback", payload: "postback payload", referral: { ref: "postback ref", source: "postback source" } }],
  "postback_referral.json": [{ kind: "postback", payload: "get_started", referral: { ref: "postback ref", source: "postback source" } }],
  "referral.json": [{ kind: "referral", eventKey: "referral:5678:1459991487970:referral id", userId: "5678", referral: { ref: "referral id", source: "referral source" } }],
  "referral_seconds.json": [{ kind: "referral", eventKey: "referral:5678:1701599111000:referral id", occurredAt: iso(1701599111000) }],
  "reel.json": [{ kind: "attachment", attachments: [{ type: "other" }] }],
  "fallback.json": [{ kind: "attachment", attachments: [{ type: "other" }] }],
  "dlr.json": [{ kind: "delivery", eventKey: "delivery:5678:1458668856253", receipt: { messageIds: ["mid.1458668856218:ed81099e15d3f4f233"], watermark: "1458668856253" } }],
  "different_page.json": [],
  "echo.json": [],
  "no_entries.json": [],
  "no_messaging_entries.json": [],
  "unknown_messaging_entry.json": [],
  "invalid_urn.json": [{ kind: "text", userId: "abc5678" }],
  "referral_optin_user_ref.json": [{ kind: "referral", userId: "5678", referral: { ref: "optin_ref", source: "optin" } }],
};

interface CourierCase {
  file: string;
  label: string;
  ourStatus: 200 | 400 | 403 | "either";
  signature: "valid" | "invalid" | null;
  courierContentType: string | null;
}
const COURIER_CASES = JSON.parse(readFileSync(join(TESTDATA, "courier/cases.json"), "utf8")) as CourierCase[];

let fake: FakeMeta;
let fakeUrl: string;
let server: TestServer;

beforeAll(async () => {
  fake = new FakeMeta();
  const { url } = await fake.start();
  fakeUrl = url;
  // Workers off: these tests look at what the webhook stored, before anyone works on it.
  server = await startTestServer({ GRAPH_API_BASE: url }, { workers: false });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});
beforeEach(async () => {
  await server.database.db.inboxEvent.deleteMany();
});

async function storedRows() {
  const rows = await server.database.db.inboxEvent.findMany({ orderBy: { id: "asc" } });
  return rows.map((r) => ({ row: r, event: JSON.parse(r.payload) as InboundEvent }));
}

async function expectStored(expected: Partial<InboundEvent>[], rowStatus?: string[]) {
  const rows = await storedRows();
  expect(rows.map((r) => r.event.kind)).toEqual(expected.map((e) => e.kind));
  rows.forEach(({ row, event }, i) => {
    // A key given as undefined means "must be absent" (e.g. no text kept for standby).
    const want = Object.entries(expected[i] ?? {});
    expect(event).toMatchObject({ channel: "messenger", ...Object.fromEntries(want.filter(([, v]) => v !== undefined)) });
    for (const [k] of want.filter(([, v]) => v === undefined)) expect(event).not.toHaveProperty(k);
    expect(row.channel).toBe("messenger");
    expect(row.eventKey).toBe(event.eventKey);
    expect(row.conversationKey).toBe(`messenger:${event.userId}`);
  });
  if (rowStatus) expect(rows.map((r) => r.row.status)).toEqual(rowStatus);
}

describe("POST /webhooks/messenger: our fixtures", () => {
  it.each(CASES.map((c) => ({ name: "", ...c })))("$file $name → $expectStatus", async (c) => {
    const bytes = readFileSync(join(TESTDATA, c.file));
    const headers = typeof c.headers === "function" ? c.headers(bytes) : (c.headers ?? {});
    const res = await postMessengerWebhook(server.url, bytes, headers);
    expect(res.status).toBe(c.expectStatus);
    await expectStored(c.expectEvents, c.expectRowStatus);
  });

  it("has a row for every webhook fixture", () => {
    const files = [...readdirSync(TESTDATA), ...readdirSync(join(TESTDATA, "local")).map((f) => `local/${f}`)].filter(
      (f) => f.endsWith(".json") && !/error_|send_response|^outgoing\.json$/.test(f),
    );
    expect(files.filter((f) => !CASES.some((c) => c.file === f))).toEqual([]);
  });
});

describe("POST /webhooks/messenger: nyaruka/courier's payloads (testdata/courier/cases.json)", () => {
  // Courier's payloads are addressed to Page 1234567890: this server's Page. Webhooks are
  // routed by the Page id, so a server for another Page would (rightly) store none of them.
  let main: TestServer;
  beforeAll(async () => {
    main = server;
    server = await startTestServer({ GRAPH_API_BASE: fakeUrl, MESSENGER_PAGE_ID: "1234567890" }, { workers: false });
  });
  afterAll(async () => {
    await server.close();
    server = main;
  });

  it.each(COURIER_CASES)("$label ($file) → $ourStatus", async (c) => {
    const bytes = readFileSync(join(TESTDATA, "courier", c.file)); // exact bytes: never re-serialised
    const res = await postMessengerWebhook(server.url, bytes, {
      "content-type": c.courierContentType ?? "application/json",
      "x-hub-signature-256": c.signature === "invalid" ? "invalidsig" : metaSignature(bytes, TEST_SECRETS.MESSENGER_APP_SECRET),
    });
    if (c.ourStatus === "either") {
      expect([200, 400]).toContain(res.status);
      await expectStored([]);
      return;
    }
    expect(res.status).toBe(c.ourStatus);
    const expected = res.status === 200 ? COURIER_EVENTS[c.file] : [];
    expect(expected, `no expectation written for ${c.file}`).toBeDefined();
    await expectStored(expected!);
  });

  it("covers every courier payload file", () => {
    const files = readdirSync(join(TESTDATA, "courier")).filter((f) => f !== "cases.json" && f !== "README.md");
    expect(files.filter((f) => !COURIER_CASES.some((c) => c.file === f))).toEqual([]);
  });
});

describe("Messenger webhook: handshake, duplicates, size", () => {
  const handshake = (q: string) => fetch(`${server.url}/webhooks/messenger?${q}`);

  it("answers the GET handshake with the challenge as plain text", async () => {
    const res = await handshake("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("1158201444");
  });

  it.each([
    ["a wrong token", "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong"],
    ["no token", "hub.mode=subscribe&hub.challenge=1158201444"],
    ["another mode", "hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"],
    ["no mode", "hub.challenge=1158201444&hub.verify_token=meatyhamhock"],
    ["no challenge", "hub.mode=subscribe&hub.verify_token=meatyhamhock"],
    ["a markup challenge", "hub.mode=subscribe&hub.challenge=%3Cscript%3E&hub.verify_token=meatyhamhock"],
    ["repeated parameters", "hub.mode=subscribe&hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock"],
  ])("refuses the handshake with %s (403)", async (_name, q) => {
    const res = await handshake(q);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("1158201444");
  });

  it("stores the same body twice only once", async () => {
    const bytes = readFileSync(join(TESTDATA, "message_text.json"));
    expect((await postMessengerWebhook(server.url, bytes)).status).toBe(200);
    const again = await postMessengerWebhook(server.url, bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await storedRows()).toHaveLength(1);
  });

  it("refuses a body over 1 MB with 413 and stores nothing", async () => {
    const text = "a".repeat(1_100_000);
    const body = JSON.stringify({ object: "page", entry: [{ id: TEST_SECRETS.MESSENGER_PAGE_ID, messaging: [{ sender: { id: PSID }, recipient: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, timestamp: 1, message: { mid: "big", text } }] }] });
    const res = await postMessengerWebhook(server.url, body);
    expect(res.status).toBe(413);
    expect(await storedRows()).toHaveLength(0);
  });
});
