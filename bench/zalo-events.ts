// Signed Zalo webhook bodies for the load generators. Every call makes a distinct event
// (fresh msg_id): a repeated msg_id would be a deduplicated no-op and flatter the server.
import { createHash, randomBytes } from "node:crypto";

/** Test-only secrets, the same values as tests/support/server.ts so logs look familiar. */
export const BENCH_ZALO = {
  ZALO_APP_ID: "102719276611582260",
  ZALO_OA_ID: "1423847451268726170",
  ZALO_OA_SECRET_KEY: "test-oa-secret",
  ZALO_APP_SECRET: "test-app-secret",
  ZALO_ACCESS_TOKEN: "zalo-access-1",
  ZALO_REFRESH_TOKEN: "zalo-refresh-1",
} as const;

export const WEBHOOK_PATH = "/webhooks/zalo";

/** A greeting: it takes the ordinary bot path (menu reply), not the danger path. */
const TEXT = "xin chào";

// msg_id: a per-run random prefix plus a counter, hex like Zalo's own ids.
const runPrefix = randomBytes(4).toString("hex");
let counter = 0;

/** Zalo user ids are 19-digit strings; user n of the bench gets a fixed, recognisable one. */
export function benchUserId(n: number): string {
  return `83093939${String(n).padStart(11, "0")}`;
}

export interface SignedEvent {
  body: string;
  headers: Record<string, string>;
  userId: string;
  msgId: string;
}

/** X-ZEvent-Signature = "mac=" + sha256_hex(app_id + raw body + timestamp + OA secret key). */
export function zaloSignature(rawBody: string, timestamp: string, appId = BENCH_ZALO.ZALO_APP_ID, secret = BENCH_ZALO.ZALO_OA_SECRET_KEY): string {
  return "mac=" + createHash("sha256").update(appId + rawBody + timestamp + secret).digest("hex");
}

/** OA ids of the extra accounts in the accounts phase: account 0 is BENCH_ZALO's own OA. */
export function benchOaId(n: number): string {
  return n === 0 ? BENCH_ZALO.ZALO_OA_ID : `99${String(n).padStart(17, "0")}`;
}

/**
 * `randomId`: a msg_id of 20 random hex digits, as Zalo's own look. The default (a run prefix
 * and a counter) makes every insert land at the end of the inbox's (channel, eventKey) index;
 * spread over many accounts' channel ids they cannot, so the accounts phase uses random ids in
 * both of its runs to compare like with like.
 */
export function signedTextEvent(userId: string, now = Date.now(), oaId: string = BENCH_ZALO.ZALO_OA_ID, randomId = false): SignedEvent {
  const msgId = randomId ? randomBytes(10).toString("hex") : `${runPrefix}${(counter++).toString(16).padStart(12, "0")}`;
  const timestamp = String(now);
  const body = JSON.stringify({
    app_id: BENCH_ZALO.ZALO_APP_ID,
    user_id_by_app: `7300${userId.slice(4)}`,
    event_name: "user_send_text",
    timestamp,
    sender: { id: userId },
    recipient: { id: oaId },
    message: { msg_id: msgId, text: TEXT },
  });
  return {
    body,
    userId,
    msgId,
    headers: {
      "content-type": "application/json",
      "x-zevent-signature": zaloSignature(body, timestamp),
    },
  };
}
