// Send API failures → ErrorClass, from ONE table (docs/reference/platforms/messenger.md §6). The outbox
// decides what each class means: retry with backoff, back off harder, pause the channel
// (auth), or fail the row and surface it (permanent, policy).
import type { ErrorClass } from "../../core/channel.js";

export interface ErrorRule {
  /** Graph `error.code`; absent = any code (a rule keyed on the subcode alone). */
  code?: number;
  /** Graph `error.error_subcode`; absent = any subcode of `code`. */
  subcode?: number;
  errorClass: ErrorClass;
  why: string;
}

export const ERROR_TABLE: readonly ErrorRule[] = [
  { code: 1200, errorClass: "retryable", why: "Temporary send message failure" },
  { code: 2, errorClass: "retryable", why: "Unexpected error, retry later (the outbox caps attempts: may also mean blocked)" },
  { code: -1, errorClass: "retryable", why: "Generic unknown error (UNCONFIRMED for Messenger)" },
  { code: 1, errorClass: "permanent", why: "Unknown error, usually missing permissions/config" },
  { code: 99, errorClass: "permanent", why: "Unknown error, usually missing permissions/config" },

  { code: 4, errorClass: "rate_limited", why: "Application request limit reached" },
  { code: 4, subcode: 2018022, errorClass: "rate_limited", why: "Too many send requests to phone numbers" },
  { code: 4, subcode: 2018354, errorClass: "rate_limited", why: "Marketing messages frequency limit" },
  { code: 9, subcode: 2018352, errorClass: "rate_limited", why: "Marketing messages frequency limit" },
  { code: 613, errorClass: "rate_limited", why: "Calls to this api have exceeded the rate limit" },
  { code: 32, errorClass: "rate_limited", why: "Page-level rate limit (UNCONFIRMED for Messenger)" },
  { code: 17, errorClass: "rate_limited", why: "User-level rate limit (UNCONFIRMED for Messenger)" },
  { code: 80006, errorClass: "rate_limited", why: "Messenger business-use-case rate limit (UNCONFIRMED)" },

  // Page tokens cannot be refreshed by us: auth pauses the channel until staff renew it.
  { code: 190, errorClass: "auth", why: "Invalid or expired access token" },
  { code: 200, errorClass: "auth", why: "Permissions error (pages_messaging missing, app not live)" },
  { code: 10, subcode: 1893063, errorClass: "auth", why: "Page temporarily restricted: every send would fail, so pause" },

  // The window closed for this person: fail this message, never retry it.
  { code: 10, subcode: 2018278, errorClass: "policy", why: "Message sent outside of allowed window" },
  // Public code pairs 2018278 with code 10, an older brief said 100: key on the subcode alone.
  { subcode: 2018278, errorClass: "policy", why: "Message sent outside of allowed window" },
  { subcode: 2018065, errorClass: "policy", why: "Outside of allowed window variant (UNCONFIRMED)" },
  { subcode: 2018108, errorClass: "policy", why: "Not allowed to message this person now (UNCONFIRMED)" },
  // Other permission errors concern this message; pausing the channel on them could loop forever.
  { code: 10, errorClass: "policy", why: "Permission denied for this message" },
  { code: 368, errorClass: "policy", why: "Action deemed abusive or otherwise disallowed" },

  { code: 230, errorClass: "permanent", why: "Permissions disallow message to user" },
  { code: 551, errorClass: "permanent", why: "This person isn't available right now" },
  { code: 100, subcode: 2018001, errorClass: "permanent", why: "No matching user found" },
  { code: 100, errorClass: "permanent", why: "Invalid parameter: a payload bug, retrying cannot help" },
];

export interface GraphErrorInfo {
  httpStatus: number;
  code?: number;
  subcode?: number;
}

/**
 * The most specific rule wins: code+subcode, then subcode alone, then code alone, then the
 * HTTP status. A "permanent" code that comes with a 5xx (Meta answers outages with code 1
 * "unknown error" and HTTP 500) is retried instead: the outbox bounds the attempts.
 */
export function classifyGraphError(e: GraphErrorInfo): { errorClass: ErrorClass; rule?: ErrorRule } {
  const { code, subcode } = e;
  const rule =
    (code !== undefined && subcode !== undefined ? ERROR_TABLE.find((r) => r.code === code && r.subcode === subcode) : undefined) ??
    (subcode !== undefined ? ERROR_TABLE.find((r) => r.code === undefined && r.subcode === subcode) : undefined) ??
    (code !== undefined ? ERROR_TABLE.find((r) => r.code === code && r.subcode === undefined) : undefined);
  if (!rule) return { errorClass: classifyHttpStatus(e.httpStatus) };
  // HTTP 429 is a rate limit whatever code rides with it (a proxy or Meta's edge may answer 429
  // with code 1 "unknown error"): never a permanent failure. Found by the fault suite.
  if (e.httpStatus === 429 && rule.errorClass !== "auth") return { errorClass: "rate_limited", rule };
  if (rule.errorClass === "permanent" && e.httpStatus >= 500) return { errorClass: "retryable", rule };
  return { errorClass: rule.errorClass, rule };
}

/** No Graph error body (proxy, outage) or a code the table does not know. */
export function classifyHttpStatus(status: number): ErrorClass {
  if (status === 429) return "rate_limited";
  if (status >= 500 || status === 408) return "retryable";
  return "permanent";
}
