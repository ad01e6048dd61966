// The log never carries a message body, a phone number or a token: fields that could hold
// one are dropped by name, and phone-like digit runs are masked in any string.
import { afterEach, describe, expect, it } from "vitest";
import { errorFields, log, redact, requestContext, setLogLevel, setLogSink } from "../../src/log.js";

afterEach(() => {
  setLogLevel("silent");
  setLogSink((line) => process.stdout.write(line + "\n"));
});

function capture(): string[] {
  const lines: string[] = [];
  setLogSink((l) => lines.push(l));
  return lines;
}

describe("redact()", () => {
  it.each([
    "text",
    "body",
    "rawBody",
    "message",
    "accessToken",
    "refresh_token",
    "token",
    "appSecret",
    "password",
    "phone",
    "userPhone",
    "payload",
    "content",
    "signature",
    "address",
    "name",
    "displayName",
  ])("drops a field named %s, whatever it holds", (key) => {
    expect(redact({ [key]: "anything" })).toEqual({ [key]: "[redacted]" });
    expect(redact({ [key]: { nested: 1 } })).toEqual({ [key]: "[redacted]" });
  });

  it.each(["inboxId", "messageId", "message_id", "messageCount", "channel", "status", "attempts", "errorClass", "code"])(
    "keeps an id, status or count field: %s",
    (key) => {
      expect(redact({ [key]: "v1" })).toEqual({ [key]: "v1" });
    },
  );

  it.each([
    ["call 0912345678 now", "call [redacted] now"],
    ["call 0912 345 678 now", "call [redacted] now"],
    ["call 0912-345-678", "call [redacted]"],
    ["call +84 912 345 678.", "call [redacted]."],
    ["hotline 1900.969.680", "hotline [redacted]"],
  ])("masks phone-like digit runs in strings: %s", (input, output) => {
    expect(redact(input)).toBe(output);
    expect(redact({ reason: input })).toEqual({ reason: output });
  });

  it("leaves short numbers alone: codes, counts, short hotlines", () => {
    expect(redact("error -216 after 3 attempts, call 111")).toBe("error -216 after 3 attempts, call 111");
    expect(redact({ attempts: 3, ok: true, none: null })).toEqual({ attempts: 3, ok: true, none: null });
  });

  it("looks into arrays and nested objects, within bounds", () => {
    expect(redact({ list: [{ text: "x", id: 1 }, "0912345678"] })).toEqual({ list: [{ text: "[redacted]", id: 1 }, "[redacted]"] });
    expect(redact({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: "[object]" } } } });
    expect((redact(Array.from({ length: 50 }, (_, i) => i)) as unknown[]).length).toBe(20);
  });
});

describe("log lines", () => {
  it("are JSON with level, message and redacted fields; below the level nothing is written", () => {
    const lines = capture();
    setLogLevel("info");
    log.debug("not written", { inboxId: 1 });
    log.info("webhook stored", { channel: "zalo", stored: 2, text: "cứu tôi với", detail: "gọi 0912345678" });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "info", msg: "webhook stored", channel: "zalo", stored: 2, text: "[redacted]", detail: "gọi [redacted]" });
    expect(typeof line.t).toBe("string");
    expect(lines[0]).not.toContain("cứu");
    expect(lines[0]).not.toContain("0912345678");
  });

  it("carry the request id of the request they were written in", () => {
    const lines = capture();
    setLogLevel("debug");
    requestContext.run({ requestId: "req-42" }, () => log.warn("webhook rejected", { status: 403 }));
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: "req-42", level: "warn", status: 403 });
  });

  it("errorFields keeps an error's name and a short, masked message only", () => {
    const err = new Error(`Request failed for 0912345678 ${"x".repeat(500)}`);
    const f = errorFields(err);
    expect(f.error).toBe("Error");
    expect(String(f.errorDetail)).not.toContain("0912345678");
    expect(String(f.errorDetail).length).toBeLessThanOrEqual(200);
    expect(errorFields("plain")).toEqual({ error: "plain" });
  });
});
