import { describe, expect, it } from "vitest";
import { verifyZaloWebhook, zaloSignature } from "./webhook.js";

const cfg = { appId: "102719276611582260", oaSecretKey: "oa-secret", mode: "enforce" as const };
const raw = Buffer.from('{"event_name":"user_send_text","timestamp":"1751100041636"}');
const json = JSON.parse(raw.toString()) as unknown;
// Independent computation of the documented formula: sha256_hex(appId + body + timestamp + OA secret).
const good = zaloSignature(cfg.appId, raw, "1751100041636", cfg.oaSecretKey);

describe("verifyZaloWebhook", () => {
  it("is a plain SHA-256 of appId + raw body + body timestamp + OA secret (not an HMAC)", async () => {
    const { createHash } = await import("node:crypto");
    const manual = createHash("sha256").update(`102719276611582260${raw.toString()}1751100041636oa-secret`).digest("hex");
    expect(good).toBe(manual);
  });

  it.each([
    ["exact", good, { ok: true }],
    ["mac= prefix", `mac=${good}`, { ok: true }],
    ["upper case hex", good.toUpperCase(), { ok: true }],
    ["wrong", good.replace(/^./, (c) => (c === "0" ? "1" : "0")), { ok: false, status: 403 }],
    ["truncated", good.slice(0, 10), { ok: false, status: 403 }],
    ["missing", undefined, { ok: false, status: 403 }],
    ["empty", "", { ok: false, status: 403 }],
  ] as const)("%s signature", (_n, sig, want) => {
    const headers = sig === undefined ? {} : { "x-zevent-signature": sig };
    expect(verifyZaloWebhook({ rawBody: raw, headers, json }, cfg)).toMatchObject(want);
  });

  it("hashes the bytes as received, so re-serialised JSON does not verify", () => {
    const pretty = Buffer.from(JSON.stringify(json, null, 2));
    expect(verifyZaloWebhook({ rawBody: pretty, headers: { "x-zevent-signature": good }, json }, cfg).ok).toBe(false);
  });

  it("answers 400 to a signed body that is not JSON", () => {
    expect(verifyZaloWebhook({ rawBody: Buffer.from("nope"), headers: { "x-zevent-signature": good }, json: undefined }, cfg)).toMatchObject({ ok: false, status: 400 });
  });

  it("accepts with a mismatch note in report mode", () => {
    const report = { ...cfg, mode: "report" as const };
    expect(verifyZaloWebhook({ rawBody: raw, headers: { "x-zevent-signature": "00" }, json }, report)).toEqual({ ok: true, mismatch: "signature mismatch" });
    expect(verifyZaloWebhook({ rawBody: raw, headers: {}, json }, report)).toEqual({ ok: true, mismatch: "missing signature" });
  });
});
