// One table, testdata/incoming.json, over the payloads in testdata/, in the manner of
// nyaruka/courier's handler tests: each row is signed (or not), POSTed to the real server,
// and checked against what reached the inbox.
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

/** The incoming cases: testdata/incoming.json, one row a request (a payload file or an inline body). */
const table = JSON.parse(testdata("incoming.json").toString("utf8")) as Row[];

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
