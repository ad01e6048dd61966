// How a failed Zalo call is treated. Zalo answers most errors with HTTP 200 and a negative
// `error` code in the body (docs/reference/platforms/zalo.md §3, §6), so the body code decides first;
// the HTTP status only matters when there is no Zalo body (proxies, outages, 429).
import type { ErrorClass, SendResult } from "../../core/channel.js";

type Failure = Extract<SendResult, { ok: false }>;

export interface ZaloErrorRule {
  errorClass: ErrorClass;
  /** Fixed wait before a retry, or a function of "now" for clock-bound codes (-234). */
  retryAfterMs?: number | ((now: Date) => number);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every OA API code in docs/reference/platforms/zalo.md §6. "auth" makes the outbox call recoverAuth()
 * (refresh once) and pause the channel if that cannot help — also right for codes a refresh
 * cannot fix (-219 app disabled, -223 not authorised): every send would fail, so the
 * channel stops and staff are alerted instead of failing each message one by one.
 */
export const ZALO_ERROR_TABLE: Readonly<Record<number, ZaloErrorRule>> = {
  [-32]: { errorClass: "rate_limited", retryAfterMs: MINUTE }, // 4,000 calls per minute per app
  [-100]: { errorClass: "permanent" }, // attachment_id expired
  [-200]: { errorClass: "retryable" }, // "Send message failed": class UNCONFIRMED, bounded retries
  [-201]: { errorClass: "permanent" }, // a field is invalid: our bug, retrying cannot help
  [-204]: { errorClass: "permanent" }, // OA disabled
  [-205]: { errorClass: "permanent" }, // OA does not exist
  [-209]: { errorClass: "permanent" }, // API not supported (app not activated)
  [-210]: { errorClass: "permanent" }, // parameter exceeds limit
  [-211]: { errorClass: "rate_limited", retryAfterMs: 6 * HOUR }, // out of quota
  [-212]: { errorClass: "permanent" }, // app has not registered this API
  [-213]: { errorClass: "permanent" }, // user does not follow the OA
  [-216]: { errorClass: "auth" }, // access token invalid
  [-217]: { errorClass: "permanent" }, // user blocked the OA
  [-218]: { errorClass: "rate_limited", retryAfterMs: 6 * HOUR }, // out of receive quota
  [-219]: { errorClass: "auth" }, // app removed or disabled: a human must act
  [-220]: { errorClass: "auth" }, // access token expired or removed
  [-221]: { errorClass: "permanent" }, // OA must be verified for this feature
  [-223]: { errorClass: "auth" }, // OA has not authorised this API: re-consent
  [-224]: { errorClass: "permanent" }, // OA tier package too low
  [-227]: { errorClass: "permanent" }, // user banned or inactive > 45 days
  [-230]: { errorClass: "policy" }, // no interaction in 7 days: window closed
  [-232]: { errorClass: "policy" }, // no interaction or last interaction expired
  [-233]: { errorClass: "permanent" }, // message type invalid or unsupported
  [-234]: { errorClass: "rate_limited", retryAfterMs: untilSixAmVietnam }, // no sending 22:00–06:00
  [-240]: { errorClass: "permanent" }, // v2 message API shut down: code bug
  [-244]: { errorClass: "permanent" }, // user restricted this message type
  [-248]: { errorClass: "policy" }, // violates platform standards: content, not transport
  [-14020]: { errorClass: "auth" }, // (oauth) refresh token used or expired
};

/** A code we have never seen: retry, but only within the outbox's attempt bound. */
const UNKNOWN_CODE: ZaloErrorRule = { errorClass: "retryable" };

export function classifyZaloCode(code: number, detail: string, now: Date = new Date()): Failure {
  const rule = ZALO_ERROR_TABLE[code] ?? UNKNOWN_CODE;
  const wait = typeof rule.retryAfterMs === "function" ? rule.retryAfterMs(now) : rule.retryAfterMs;
  return {
    ok: false,
    errorClass: rule.errorClass,
    code: `zalo_${code}`,
    detail: detail.slice(0, 200),
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  };
}

/** A reply without a usable Zalo body: decided by the HTTP status alone. */
export function classifyHttpStatus(status: number, retryAfterHeader: string | undefined, now: Date = new Date()): Failure {
  const base = { ok: false as const, code: `http_${status}`, detail: `HTTP ${status}` };
  if (status === 429) {
    const wait = parseRetryAfter(retryAfterHeader, now);
    return { ...base, errorClass: "rate_limited", ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  if (status === 401) return { ...base, errorClass: "auth" };
  if (status >= 500 || status === 408) return { ...base, errorClass: "retryable" };
  if (status >= 400) return { ...base, errorClass: "permanent" };
  // A 2xx/3xx without a Zalo envelope: something between us and Zalo answered. Retry, bounded.
  return { ...base, errorClass: "retryable", detail: `HTTP ${status} without a Zalo body` };
}

export function networkFailure(kind: "timeout" | "network", detail: string): Failure {
  return { ok: false, errorClass: "retryable", code: kind, detail: detail.slice(0, 200) };
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Milliseconds until the next 06:00 in Viet Nam (UTC+7 all year, no daylight saving). */
export function untilSixAmVietnam(now: Date): number {
  const offset = 7 * HOUR;
  const local = new Date(now.getTime() + offset);
  const six = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 6, 0, 0, 0);
  const next = local.getTime() < six ? six : six + 24 * HOUR;
  return next - local.getTime();
}
