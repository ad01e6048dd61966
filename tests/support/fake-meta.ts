// The tests' Graph API: the channel folder's fake (src/channels/messenger/fake.ts) with the
// page token of tests/support/server.ts, plus how a test signs and posts a webhook.
import { createHmac } from "node:crypto";
import { FakeMeta as MetaFake, type FakeMetaOptions } from "../../src/channels/messenger/fake.js";
import { TEST_SECRETS } from "./server.js";

export type { GraphError, RecordedRequest, ScriptStep } from "../../src/channels/messenger/fake.js";

export class FakeMeta extends MetaFake {
  constructor(opts: Partial<FakeMetaOptions> = {}) {
    super({ pageToken: TEST_SECRETS.MESSENGER_PAGE_TOKEN, ...opts });
  }
}

/** The header Meta would send: `sha256=` + HMAC-SHA256(raw bytes, App Secret). */
export function metaSignature(body: Buffer | string, appSecret: string = TEST_SECRETS.MESSENGER_APP_SECRET): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/** POSTs exact bytes to /webhooks/messenger, signed unless told otherwise (a null header is left out). */
export async function postMessengerWebhook(baseUrl: string, body: Buffer | string, headers: Record<string, string | null> = {}): Promise<Response> {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const merged: Record<string, string | null> = { "content-type": "application/json", "x-hub-signature-256": metaSignature(bytes) };
  for (const [k, v] of Object.entries(headers)) merged[k.toLowerCase()] = v;
  const sent = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== null));
  return fetch(`${baseUrl}/webhooks/messenger`, { method: "POST", headers: sent, body: new Uint8Array(bytes) });
}

/** A webhook body in Meta's envelope around the given messaging items. */
export function pageEvent(items: unknown[], pageId: string = TEST_SECRETS.MESSENGER_PAGE_ID): string {
  return JSON.stringify({ object: "page", entry: [{ id: pageId, time: Date.now(), messaging: items }] });
}
