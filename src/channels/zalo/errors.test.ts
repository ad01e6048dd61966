import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ErrorClass } from "../../core/channel.js";
import { classifyHttpStatus, classifyZaloCode, parseRetryAfter, untilSixAmVietnam, ZALO_ERROR_TABLE } from "./errors.js";

const here = dirname(fileURLToPath(import.meta.url));
const HOUR = 3_600_000;

// Every code of docs/reference/platforms/zalo.md §6 with the class it must get.
const expected: [code: number, errorClass: ErrorClass][] = [
  [-32, "rate_limited"],
  [-100, "permanent"],
  [-200, "retryable"],
  [-201, "permanent"],
  [-204, "permanent"],
  [-205, "permanent"],
  [-209, "permanent"],
  [-210, "permanent"],
  [-211, "rate_limited"],
  [-212, "permanent"],
  [-213, "permanent"],
  [-216, "auth"],
  [-217, "permanent"],
  [-218, "rate_limited"],
  [-219, "auth"],
  [-220, "auth"],
  [-221, "permanent"],
  [-223, "auth"],
  [-224, "permanent"],
  [-227, "permanent"],
  [-230, "policy"],
  [-232, "policy"],
  [-233, "permanent"],
  [-234, "rate_limited"],
  [-240, "permanent"],
  [-244, "permanent"],
  [-248, "policy"],
  [-14020, "auth"],
];

describe("ZALO_ERROR_TABLE", () => {
  it.each(expected)("code %i → %s", (code, errorClass) => {
    const r = classifyZaloCode(code, "detail");
    expect(r).toMatchObject({ ok: false, errorClass, code: `zalo_${code}` });
  });

  it("has exactly the codes of zalo.md §6", () => {
    expect(Object.keys(ZALO_ERROR_TABLE).map(Number).sort((a, b) => a - b)).toEqual(expected.map(([c]) => c).sort((a, b) => a - b));
  });

  it("retries an unknown code (bounded by the outbox)", () => {
    expect(classifyZaloCode(-999, "?").errorClass).toBe("retryable");
  });

  it("waits long on quota codes and a minute on -32", () => {
    expect(classifyZaloCode(-211, "").retryAfterMs).toBeGreaterThanOrEqual(HOUR);
    expect(classifyZaloCode(-218, "").retryAfterMs).toBeGreaterThanOrEqual(HOUR);
    expect(classifyZaloCode(-32, "").retryAfterMs).toBe(60_000);
  });

  it.each([
    ["2025-06-28T15:00:00Z", 8], // 22:00 in Viet Nam
    ["2025-06-28T20:30:00Z", 2.5], // 03:30
    ["2025-06-28T23:00:00Z", 24], // 06:00 exactly: the next morning
  ])("-234 waits until 06:00 Asia/Ho_Chi_Minh (from %s: %f h)", (iso, hours) => {
    const now = new Date(iso);
    const wait = classifyZaloCode(-234, "", now).retryAfterMs!;
    expect(wait).toBe(hours * HOUR);
    expect(wait).toBe(untilSixAmVietnam(now));
  });
});

describe("send_response_*.json fixtures", () => {
  const files = readdirSync(join(here, "testdata")).filter((f) => f.startsWith("send_response_"));
  const classOf: Record<string, ErrorClass | "ok"> = {
    "send_response_ok.json": "ok",
    "send_response_error_201_invalid_param.json": "permanent",
    "send_response_error_213_not_follower.json": "permanent",
    "send_response_error_216_invalid_token.json": "auth",
    "send_response_error_220_token_expired.json": "auth",
    "send_response_error_230_not_interacted_7d.json": "policy",
    "send_response_error_32_rate_limit.json": "rate_limited",
  };

  it("covers every fixture", () => {
    expect(files.sort()).toEqual(Object.keys(classOf).sort());
  });

  it.each(Object.entries(classOf))("%s → %s", (file, want) => {
    const body = JSON.parse(readFileSync(join(here, "testdata", file), "utf8")) as { error: number; message: string };
    if (want === "ok") {
      expect(body.error).toBe(0);
      return;
    }
    expect(classifyZaloCode(body.error, body.message)).toMatchObject({ errorClass: want, detail: body.message });
  });
});

describe("HTTP-level failures", () => {
  it.each([
    [429, "7", "rate_limited", 7000],
    [401, undefined, "auth", undefined],
    [500, undefined, "retryable", undefined],
    [503, undefined, "retryable", undefined],
    [404, undefined, "permanent", undefined],
  ] as const)("HTTP %i → %s", (status, retryAfter, errorClass, wait) => {
    const r = classifyHttpStatus(status, retryAfter);
    expect(r.errorClass).toBe(errorClass);
    expect(r.retryAfterMs).toBe(wait);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = new Date("2025-06-28T08:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Sat, 28 Jun 2025 08:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
