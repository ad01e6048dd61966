// The error table, row by row, and the recorded Graph error bodies sent through a real
// HTTP exchange with the fake Graph API.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorClass } from "../../core/channel.js";
import { FakeMeta } from "../../../tests/support/fake-meta.js";
import { openTestDatabase, type TestDb } from "../../../tests/support/db.js";
import { TEST_SECRETS } from "../../../tests/support/server.js";
import { classifyGraphError, ERROR_TABLE } from "./errors.js";
import { createSender, retryAfter } from "./send.js";

const TESTDATA = join(import.meta.dirname, "testdata");

describe("classifyGraphError", () => {
  it.each<[string, { httpStatus: number; code?: number; subcode?: number }, ErrorClass]>([
    ["1200 temporary failure", { httpStatus: 500, code: 1200 }, "retryable"],
    ["2 unexpected error", { httpStatus: 500, code: 2 }, "retryable"],
    ["4 app limit", { httpStatus: 400, code: 4 }, "rate_limited"],
    ["4/2018022 phone numbers", { httpStatus: 400, code: 4, subcode: 2018022 }, "rate_limited"],
    ["613 rate limit", { httpStatus: 400, code: 613 }, "rate_limited"],
    ["32 page limit", { httpStatus: 400, code: 32 }, "rate_limited"],
    ["17 user limit", { httpStatus: 400, code: 17 }, "rate_limited"],
    ["80006 business use case", { httpStatus: 400, code: 80006 }, "rate_limited"],
    ["190 token", { httpStatus: 400, code: 190, subcode: 463 }, "auth"],
    ["200 permissions", { httpStatus: 403, code: 200 }, "auth"],
    ["10/1893063 page restricted", { httpStatus: 400, code: 10, subcode: 1893063 }, "auth"],
    ["10/2018278 outside window", { httpStatus: 400, code: 10, subcode: 2018278 }, "policy"],
    ["100/2018278 outside window (older pairing)", { httpStatus: 400, code: 100, subcode: 2018278 }, "policy"],
    ["10 other permission", { httpStatus: 400, code: 10 }, "policy"],
    ["368 abusive", { httpStatus: 400, code: 368 }, "policy"],
    ["230 disallowed", { httpStatus: 400, code: 230 }, "permanent"],
    ["551 unavailable", { httpStatus: 400, code: 551, subcode: 1545041 }, "permanent"],
    ["100/2018001 no user", { httpStatus: 400, code: 100, subcode: 2018001 }, "permanent"],
    ["100 invalid parameter", { httpStatus: 400, code: 100 }, "permanent"],
    ["1 unknown error on 400", { httpStatus: 400, code: 1 }, "permanent"],
    ["1 unknown error on 500 (outage)", { httpStatus: 500, code: 1 }, "retryable"],
    ["policy stays policy on 500", { httpStatus: 500, code: 368 }, "policy"],
    ["unknown code on 4xx", { httpStatus: 400, code: 123456 }, "permanent"],
    ["unknown code on 5xx", { httpStatus: 503, code: 123456 }, "retryable"],
    ["bare 500", { httpStatus: 500 }, "retryable"],
    ["bare 502", { httpStatus: 502 }, "retryable"],
    ["bare 429", { httpStatus: 429 }, "rate_limited"],
    ["bare 404", { httpStatus: 404 }, "permanent"],
  ])("%s → %s", (_name, input, expected) => {
    expect(classifyGraphError(input).errorClass).toBe(expected);
  });

  it("has one rule per (code, subcode)", () => {
    const keys = ERROR_TABLE.map((r) => `${r.code ?? "*"}/${r.subcode ?? "*"}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfter("1")).toBe(1000);
    expect(retryAfter("2.5")).toBe(2500);
    expect(retryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfter("soon")).toBeUndefined();
    expect(retryAfter(undefined)).toBeUndefined();
  });
});

describe("send(): recorded Graph error bodies through HTTP", () => {
  let fake: FakeMeta;
  let db: TestDb;
  let send: ReturnType<typeof createSender>;

  beforeAll(async () => {
    fake = new FakeMeta();
    const { url } = await fake.start();
    db = await openTestDatabase();
    send = createSender({
      config: { GRAPH_API_BASE: url, GRAPH_API_VERSION: "v25.0", HTTP_TIMEOUT_MS: 2000, MESSENGER_PAGE_TOKEN: TEST_SECRETS.MESSENGER_PAGE_TOKEN },
      db: db.db,
    });
  });
  afterAll(async () => {
    await fake?.stop();
    await db?.destroy();
  });

  const part = { recipientId: "1254477777772919", body: { recipient: { id: "1254477777772919" }, messaging_type: "RESPONSE", message: { text: "x" } } };

  it.each<[string, ErrorClass, string]>([
    ["error_190.json", "auth", "190/1234567"],
    ["error_551.json", "permanent", "551/1545041"],
    ["error_613.json", "rate_limited", "613"],
    ["error_10_2018278.json", "policy", "10/2018278"],
    ["error_100_2018001.json", "permanent", "100/2018001"],
  ])("%s → %s", async (file, errorClass, code) => {
    fake.script([{ status: 400, body: JSON.parse(readFileSync(join(TESTDATA, file), "utf8")) }]);
    const result = await send(part);
    expect(result).toMatchObject({ ok: false, errorClass, code });
  });

  it("maps the success body to platformMessageId", async () => {
    const ok = JSON.parse(readFileSync(join(TESTDATA, "send_response_ok.json"), "utf8")) as { message_id: string };
    fake.script([{ status: 200, body: ok }]);
    expect(await send(part)).toEqual({ ok: true, platformMessageId: ok.message_id });
  });

  it("sends the token as access_token to /{version}/me/messages", async () => {
    fake.reset();
    expect(await send(part)).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^m_\d+$/) });
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v25.0/me/messages", token: TEST_SECRETS.MESSENGER_PAGE_TOKEN });
  });

  it("treats a timeout and a refused connection as retryable", async () => {
    fake.script([{ delayMs: 2500 }]);
    expect(await send(part)).toMatchObject({ ok: false, errorClass: "retryable" });
    const dead = createSender({
      config: { GRAPH_API_BASE: "http://127.0.0.1:1", GRAPH_API_VERSION: "v25.0", HTTP_TIMEOUT_MS: 2000, MESSENGER_PAGE_TOKEN: "x" },
      db: db.db,
    });
    expect(await dead(part)).toMatchObject({ ok: false, errorClass: "retryable" });
  });

  it("passes Retry-After on 429", async () => {
    fake.script([{ status: 429, headers: { "retry-after": "3" }, body: {} }]);
    expect(await send(part)).toMatchObject({ ok: false, errorClass: "rate_limited", code: "http_429", retryAfterMs: 3000 });
  });
});
