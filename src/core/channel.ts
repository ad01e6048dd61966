// The contract a channel folder implements. core/ never imports a channel: the registry
// (channels/registry.ts) builds the running channels and server.ts hands them to the HTTP
// layer, the workers and the jobs.
import type { Router } from "express";
import type { InboundEvent, OutboundMessage } from "./messages.js";

export interface WebhookRequest {
  /** The bytes as received: signatures are computed over these, never over re-serialised JSON. */
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export type VerifyResult =
  | { ok: true; mismatch?: string } // mismatch: accepted in report mode, logged without the body
  | { ok: false; reason: string; status?: 400 | 403 };

export type ParseResult = { ok: true; events: InboundEvent[] } | { ok: false; reason: string };

/** One platform call, JSON-serialisable: stored in the outbox row as it will be sent. */
export interface RenderedPart {
  recipientId: string;
  body: unknown;
}

/** How a failed send should be treated; one table per channel maps platform codes to these. */
export type ErrorClass = "retryable" | "permanent" | "rate_limited" | "auth" | "policy";

export type SendResult =
  | { ok: true; platformMessageId?: string }
  | { ok: false; errorClass: ErrorClass; code: string; detail: string; retryAfterMs?: number };

/**
 * One step of a platform's messaging window: up to `untilMs` after the person's last
 * message or interaction, messages may go under this rule.
 */
export interface WindowTier {
  untilMs: number;
  /** The rule's name: in audit rows, and the staff console's words for it (window.<policy>). */
  policy: string;
  /** What the outbox row carries (e.g. Messenger's HUMAN_AGENT tag for "human_agent"). */
  purpose: NonNullable<OutboundMessage["purpose"]>;
  /** The platform charges for messages under this rule: never sent without a person's approval. */
  paid: boolean;
}

/** The platform's rules for whom the OA/Page may write to, and when. Tiers are in time order. */
export interface MessagingPolicy {
  /** A staff member answering someone who wrote. */
  reply: WindowTier[];
  /** A message nobody asked for right now (reminders, on-duty notices, campaign messages). */
  proactive: WindowTier[];
}

/** The OA or Page a channel instance serves (one instance per account). */
export interface ChannelAccountInfo {
  /** OA id / Page id as webhooks name it; null = an environment account configured without one (takes every body). */
  externalId: string | null;
  name: string;
  /** Official province code of the area it serves; null = national. New conversations start in this province. */
  provinceCode: string | null;
}

/** "zalo-4242…" → "zalo": rows carry the account's channel id, labels and rules go by platform. */
export function platformOf(channelId: string): string {
  return channelId.split("-")[0]!;
}

export interface Channel {
  /** The account's channel id: "zalo" for the environment's account, "zalo-<oaId>" for others. */
  id: string;
  /** The platform ("zalo", "messenger"): several accounts share one webhook path and one set of rules. */
  platform: string;
  account: ChannelAccountInfo;
  /** The account ids (OA, Page) a webhook body is addressed to, read before verification to pick the account. */
  accountsIn(json: unknown): string[];
  /** The platform's name as people know it ("Zalo"): the console's fallback when no translation names it. */
  label: string;
  policy: MessagingPolicy;
  /** The words of a stored, rendered body (the outbox payload), for the staff transcript. */
  textOf(body: unknown): string | undefined;
  /** A platform user id as staff type it (their own chat for on-duty notices), or null if it cannot be one. */
  parseUserId(raw: string): string | null;
  /** Path under /webhooks, e.g. "zalo". */
  webhookPath: string;
  verify(req: WebhookRequest): VerifyResult;
  /** Pure and fast: a body that is not the platform's shape is { ok: false } → 400. */
  parse(body: unknown): ParseResult;
  /**
   * Events whose platform time is further than this from our clock are acknowledged and
   * dropped (a replayed old body, e.g. after the person erased their data). Unset or 0: no check.
   */
  maxEventAgeMs?: number;
  /** Extra routes on the webhook path (e.g. Messenger's GET hub.challenge handshake). */
  extraRoutes?(router: Router): void;
  /**
   * One OutboundMessage → one or more platform calls (long text is split, menus degrade to
   * numbered lists). Each part becomes its own outbox row, so a retry never resends a part
   * the platform already accepted.
   */
  render(msg: OutboundMessage): RenderedPart[];
  send(part: RenderedPart): Promise<SendResult>;
  /** Called when the outbox sees an auth failure: refresh credentials once and say what the outbox should do. */
  recoverAuth?(): Promise<AuthRecovery>;
  /** A link that opens a chat with this account and brings `code` along in the referral event, if the platform has one. */
  referralLink?(code: string): string | undefined;
  /** Campaign messages per second this account may send: the platform's limit minus room for answers. */
  campaignRatePerSec?: number;
  /** Send error codes that mean "this person cannot be reached here" (blocked, unfollowed): she is marked unreachable. */
  unreachableCodes?: readonly string[];
  /** What staff may paste to renew this account's authorisation (form field names), in the order shown. */
  reauthFields?: readonly string[];
  /** Takes what staff pasted; "refused"/"unavailable" means nothing changed. */
  reauthorise?(input: Record<string, string>): Promise<"ok" | "refused" | "unavailable">;
}

/**
 * renewed: credentials are fresh, retry at once. unavailable: the credential service
 * failed for now (HTTP 5xx, timeout), retry after a short wait without pausing anything.
 * refused: only a person can fix it (revoked consent, spent refresh token, wrong secret):
 * the outbox pauses the channel and staff are told.
 */
export type AuthRecovery = { outcome: "renewed" } | { outcome: "unavailable"; retryAfterMs: number } | { outcome: "refused" };

export type ChannelRegistry = Map<string, Channel>;
