// The tests' Zalo: the channel folder's fake (src/channels/zalo/fake.ts) with the test
// secrets of tests/support/server.ts, plus how a test signs and posts a webhook.
import { createHash } from "node:crypto";
import { FakeZalo as ZaloFake, type FakeZaloOptions } from "../../src/channels/zalo/fake.js";

export type { FakeZaloStep, RecordedRequest, SentBody } from "../../src/channels/zalo/fake.js";

/** Defaults match TEST_SECRETS, so a test server talks to it as is. */
export class FakeZalo extends ZaloFake {
  constructor(opts: Partial<FakeZaloOptions> = {}) {
    super({ accessToken: "zalo-access-1", refreshToken: "zalo-refresh-1", appId: "102719276611582260", appSecret: "test-app-secret", ...opts });
  }
}

/** How a test signs a webhook: correctly, wrongly, not at all, or correctly with a "mac=" prefix. */
export type SignatureMode = "valid" | "wrong" | "missing" | "mac";

export interface WebhookSecrets {
  appId: string;
  oaSecretKey: string;
}

export const TEST_WEBHOOK_SECRETS: WebhookSecrets = { appId: "102719276611582260", oaSecretKey: "test-oa-secret" };

/**
 * What Zalo puts in X-ZEvent-Signature: sha256_hex(appId + body + timestamp + OA secret key),
 * written out here independently of src/ so the test checks the formula, not our own copy.
 */
export function zaloWebhookSignature(raw: Buffer | string, secrets: WebhookSecrets = TEST_WEBHOOK_SECRETS): string {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, "utf8");
  let ts = "";
  try {
    const v = (JSON.parse(bytes.toString("utf8")) as { timestamp?: unknown } | null)?.timestamp;
    ts = typeof v === "string" ? v : typeof v === "number" && Number.isSafeInteger(v) ? String(v) : "";
  } catch {
    ts = "";
  }
  return createHash("sha256").update(Buffer.concat([Buffer.from(secrets.appId), bytes, Buffer.from(ts), Buffer.from(secrets.oaSecretKey)])).digest("hex");
}

/** POSTs raw bytes to {serverUrl}/webhooks/zalo the way Zalo does. */
export async function postZaloWebhook(
  serverUrl: string,
  raw: Buffer | string,
  mode: SignatureMode = "valid",
  secrets: WebhookSecrets = TEST_WEBHOOK_SECRETS,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = zaloWebhookSignature(raw, secrets);
  if (mode === "valid") headers["x-zevent-signature"] = sig;
  if (mode === "mac") headers["x-zevent-signature"] = `mac=${sig}`;
  if (mode === "wrong") headers["x-zevent-signature"] = zaloWebhookSignature(raw, { ...secrets, oaSecretKey: "not-the-secret" });
  const res = await fetch(`${serverUrl}/webhooks/zalo`, { method: "POST", headers, body: typeof raw === "string" ? raw : new Uint8Array(raw) });
  const text = await res.text();
  return { status: res.status, body: parseJson(text) ?? text };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
