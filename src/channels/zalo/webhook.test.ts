// One table over testdata/*.json, in the manner of nyaruka/courier's handler tests: each row
// is signed (or not), POSTed to the real server, and checked against what reached the inbox.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../core/messages.js";
import { setLogLevel, setLogSink } from "../../log.js";
import { FakeZalo, postZaloWebhook, type SignatureMode } from "../../../tests/support/fake-zalo.js";
import { startTestServer, type TestServer } from "../../../tests/support/server.js";

const here = dirname(fileURLToPath(import.meta.url));
const testdata = (file: string) => readFileSync(join(here, "testdata", file));

const USER = "8309393969855402319";

interface Row {
  file?: string;
  /** Inline body instead of a file (for bodies that are not JSON at all). */
  raw?: string;
  sig: SignatureMode;
  expectStatus: number;
  /** Stored inbox events, in order; [] = nothing stored. */
  expectEvents: (Partial<InboundEvent> & { status?: string })[];
}

const text = { kind: "text", userId: USER, eventKey: "e2a641af6661713b2874", text: "cứu tôi với", occurredAt: "2025-06-28T08:40:41.636Z" } as const;

const table: Row[] = [
  { file: "user_send_text.json", sig: "valid", expectStatus: 200, expectEvents: [{ ...text, platformEvent: "user_send_text", status: "pending" }] },
  { file: "user_send_text.json", sig: "mac", expectStatus: 200, expectEvents: [text] },
  { file: "user_send_text.json", sig: "wrong", expectStatus: 403, expectEvents: [] },
  { file: "user_send_text.json", sig: "missing", expectStatus: 403, expectEvents: [] },
  {
    file: "user_send_image.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "attachment", userId: USER, eventKey: "c3f1a9d2b4e5f60718a9", text: "tôi cần giúp đỡ", attachments: [{ type: "image", url: "https://photo-stal-2.zdn.vn/example-full.jpg" }] }],
  },
  {
    file: "user_send_file.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "attachment", eventKey: "0f1e2d3c4b5a69788796", attachments: [{ type: "file", url: "https://down-static.zalo.me/example/don-thuoc.pdf" }] }],
  },
  {
    file: "user_send_sticker.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "attachment", eventKey: "9a1b2c3d4e5f60718293", occurredAt: "2025-06-28T08:43:20.310Z", attachments: [{ type: "sticker" }] }],
  },
  {
    file: "user_send_link.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "attachment", eventKey: "1a2b3c4d5e6f70819203", text: "https://vnexpress.net/", attachments: [{ type: "link", url: "https://vnexpress.net/" }] }],
  },
  {
    file: "user_send_location.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "location", userId: USER, eventKey: "b8de7d84fa1b3043690c", location: { lat: 10.7923119, lng: 106.7820651 }, text: "Cơm Coffee New Sky" }],
  },
  { file: "follow.json", sig: "valid", expectStatus: 200, expectEvents: [{ kind: "follow", userId: USER, eventKey: `follow:${USER}:1751099000000`, occurredAt: "2025-06-28T08:23:20.000Z" }] },
  { file: "unfollow.json", sig: "valid", expectStatus: 200, expectEvents: [{ kind: "unfollow", userId: USER, eventKey: `unfollow:${USER}:1751199000000` }] },
  { file: "user_submit_info.json", sig: "valid", expectStatus: 200, expectEvents: [{ kind: "submit_info", userId: USER, eventKey: `user_submit_info:${USER}:1751100500600` }] },
  { file: "user_submit_info_full_address.json", sig: "valid", expectStatus: 200, expectEvents: [{ kind: "submit_info", userId: USER, eventKey: `user_submit_info:${USER}:1751100500600` }] },
  {
    file: "user_click_chatnow.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "referral", userId: USER, eventKey: `user_click_chatnow:${USER}:1751098900000`, referral: { source: "zalo_chatnow" } }],
  },
  {
    file: "user_seen_message.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "read", userId: USER, eventKey: `user_seen_message:${USER}:1751100700800`, receipt: { messageIds: ["a4d0243feee163bd3af2"] } }],
  },
  {
    file: "user_received_message.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "delivery", userId: USER, eventKey: `user_received_message:${USER}:1751100650700`, receipt: { messageIds: ["a4d0243feee163bd3af2"] } }],
  },
  // ZNS receipt: recipient.id is a phone number and we never send ZNS — ignored, still 200.
  { file: "user_received_message_zns.json", sig: "valid", expectStatus: 200, expectEvents: [] },
  // Echoes of the OA's own messages are acknowledged and dropped.
  { file: "oa_send_text.json", sig: "valid", expectStatus: 200, expectEvents: [] },
  { file: "oa_send_image.json", sig: "valid", expectStatus: 200, expectEvents: [] },
  { file: "user_send_business_card.json", sig: "valid", expectStatus: 200, expectEvents: [{ kind: "attachment", eventKey: "5e6f708192a3b4c5d6e7", attachments: [{ type: "other" }] }] },
  {
    file: "unknown_event_user_reacted_message.json",
    sig: "valid",
    expectStatus: 200,
    expectEvents: [{ kind: "unknown", userId: USER, eventKey: "a4d0243feee163bd3af2", platformEvent: "user_reacted_message", status: "skipped" }],
  },
  { file: "malformed_no_event_name.json", sig: "valid", expectStatus: 400, expectEvents: [] },
  { file: "malformed_numeric_sender_id.json", sig: "valid", expectStatus: 400, expectEvents: [] },
  { file: "malformed_location_out_of_range.json", sig: "valid", expectStatus: 400, expectEvents: [] },
  { file: "malformed_missing_timestamp.json", sig: "valid", expectStatus: 400, expectEvents: [] },
  { file: "malformed_no_event_name.json", sig: "missing", expectStatus: 403, expectEvents: [] },
  { raw: "this is not json", sig: "valid", expectStatus: 400, expectEvents: [] },
  { raw: "this is not json", sig: "missing", expectStatus: 403, expectEvents: [] },
  { raw: "[1,2,3]", sig: "valid", expectStatus: 400, expectEvents: [] },
];

let server: TestServer;
let fake: FakeZalo;

beforeAll(async () => {
  fake = new FakeZalo();
  const { url } = await fake.start();
  server = await startTestServer({ ZALO_API_BASE: url, ZALO_OAUTH_BASE: url }, { workers: false });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});
beforeEach(async () => {
  await server.database.db.inboxEvent.deleteMany();
});

async function stored() {
  const rows = await server.database.db.inboxEvent.findMany({ orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...(JSON.parse(r.payload) as InboundEvent), status: r.status, row: r }));
}

describe("POST /webhooks/zalo", () => {
  it.each(table.map((row) => [`${row.file ?? JSON.stringify(row.raw)} (${row.sig})`, row] as const))("%s", async (_name, row) => {
    const body = row.file ? testdata(row.file) : Buffer.from(row.raw ?? "");
    const res = await postZaloWebhook(server.url, body, row.sig);
    expect(res.status).toBe(row.expectStatus);
    const events = await stored();
    expect(events).toHaveLength(row.expectEvents.length);
    row.expectEvents.forEach((e, i) => expect(events[i]).toMatchObject({ channel: "zalo", ...e }));
    for (const e of events) {
      expect(typeof e.userId).toBe("string");
      expect(e.row.conversationKey).toBe(`zalo:${e.userId}`);
    }
  });

  it("stores a redelivered event once and still answers 200", async () => {
    const body = testdata("user_send_text.json");
    const first = await postZaloWebhook(server.url, body);
    const again = await postZaloWebhook(server.url, body);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await stored()).toHaveLength(1);
  });

  it("answers 413 to a body over 1 MB and stores nothing", async () => {
    const big = JSON.stringify({ event_name: "user_send_text", timestamp: "1751100041636", pad: "x".repeat(1_100_000) });
    const res = await postZaloWebhook(server.url, big);
    expect(res.status).toBe(413);
    expect(await stored()).toHaveLength(0);
  });

  it("never stores or logs what a person submitted (name, phone, address, birth date)", async () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    setLogLevel("debug");
    try {
      for (const file of ["user_submit_info.json", "user_submit_info_full_address.json", "user_send_business_card.json"]) {
        await server.database.db.inboxEvent.deleteMany();
        expect((await postZaloWebhook(server.url, testdata(file))).status).toBe(200);
        const rows = await server.database.db.inboxEvent.findMany();
        expect(rows).toHaveLength(1);
        const everything = JSON.stringify(rows);
        for (const secret of ["84912345678", "84987654321", "Nguyễn Văn An", "Nguyễn Thị Bình", "Đường số 13", "30/10/1999", "Tân Thuận"]) {
          expect(everything).not.toContain(secret);
        }
      }
    } finally {
      setLogLevel("silent");
      setLogSink((l) => process.stdout.write(l + "\n"));
    }
    const logged = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ["84912345678", "Nguyễn Văn An", "Đường số 13"]) expect(logged).not.toContain(secret);
  });
});

describe("POST /webhooks/zalo with ZALO_WEBHOOK_VERIFY=report", () => {
  let reporting: TestServer;
  beforeAll(async () => {
    reporting = await startTestServer({ ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url, ZALO_WEBHOOK_VERIFY: "report" }, { workers: false });
  });
  afterAll(async () => {
    await reporting?.close();
  });

  it.each(["wrong", "missing"] as const)("accepts a %s signature and stores the event", async (sig) => {
    await reporting.database.db.inboxEvent.deleteMany();
    const res = await postZaloWebhook(reporting.url, testdata("user_send_text.json"), sig);
    expect(res.status).toBe(200);
    expect(await reporting.database.db.inboxEvent.count()).toBe(1);
  });

  it("still refuses a signed body that is not JSON", async () => {
    expect((await postZaloWebhook(reporting.url, "not json", "wrong")).status).toBe(400);
  });
});
