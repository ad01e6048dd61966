// X-ZEvent-Signature check (docs/reference/platforms/zalo.md §2.1): a plain SHA-256 hex digest — not an
// HMAC — of appId + raw body + the body's own `timestamp` field + the OA secret key.
// The body bytes are used exactly as received; re-serialised JSON would not match.
import { createHash, timingSafeEqual } from "node:crypto";
import type { VerifyResult, WebhookRequest } from "../../core/channel.js";

export interface ZaloVerifyConfig {
  appId: string;
  oaSecretKey: string;
  /** "report" accepts a bad signature and lets the generic handler log it (until proven live). */
  mode: "enforce" | "report";
}

export const SIGNATURE_HEADER = "x-zevent-signature";

export function zaloSignature(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256")
    .update(appId, "utf8")
    .update(rawBody)
    .update(timestamp, "utf8")
    .update(oaSecretKey, "utf8")
    .digest("hex");
}

/**
 * The `timestamp` as it stands in the body. Zalo sends it as a string; a number is written
 * back in the same digits (integers below 2^53 round-trip exactly), anything else counts
 * as absent so the digest simply will not match.
 */
export function timestampOf(json: unknown): string {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "";
  const ts = (json as { timestamp?: unknown }).timestamp;
  if (typeof ts === "string") return ts;
  if (typeof ts === "number" && Number.isSafeInteger(ts)) return String(ts);
  return "";
}

export function verifyZaloWebhook(req: WebhookRequest, cfg: ZaloVerifyConfig): VerifyResult {
  const given = headerValue(req.headers[SIGNATURE_HEADER]);
  if (given === undefined) return reject(cfg, "missing signature");
  // Without a JSON body there is no timestamp to hash: the request is malformed, whatever
  // the mode, and nothing could be parsed from it anyway.
  if (req.json === undefined || typeof req.json !== "object" || req.json === null) {
    return { ok: false, reason: "signed body is not a JSON object", status: 400 };
  }
  const expected = zaloSignature(cfg.appId, req.rawBody, timestampOf(req.json), cfg.oaSecretKey);
  const candidate = given.trim().replace(/^mac=/i, "").toLowerCase();
  return sameHex(candidate, expected) ? { ok: true } : reject(cfg, "signature mismatch");
}

function reject(cfg: ZaloVerifyConfig, reason: string): VerifyResult {
  return cfg.mode === "report" ? { ok: true, mismatch: reason } : { ok: false, reason, status: 403 };
}

function headerValue(h: string | string[] | undefined): string | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  return v === undefined || v.trim() === "" ? undefined : v;
}

function sameHex(candidate: string, expected: string): boolean {
  const a = Buffer.from(candidate, "utf8");
  const b = Buffer.from(expected, "utf8");
  // Lengths are public (always 64 for a real digest); only equal-length buffers are compared.
  return a.length === b.length && timingSafeEqual(a, b);
}
