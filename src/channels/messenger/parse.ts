// Messenger webhook body → InboundEvents. Pure: no I/O, never throws.
//
// Shape (docs/reference/platforms/messenger.md §2): {object:"page", entry:[{id, time, messaging:[…], standby:[…]}]}.
// - Not an object with a string `object` and an `entry` array → 400.
// - `object` other than "page" (e.g. "instagram" if the app is subscribed to more) → 200 with
//   no events: a 400 would make Meta retry it for hours and finally unsubscribe the app.
// - Every entry and every messaging[] item is read; one we cannot read is skipped.
// - Skipped (no event): echoes (`is_echo`, our own or a Page-inbox reply), items for another
//   page (recipient.id ≠ entry.id), items whose sender has no PSID (`sender.user_ref` only:
//   a chat-plugin guest we cannot address through the outbox), items with no event field.
// - standby[] items (another app, e.g. the Page inbox, owns the thread) are stored as
//   "unknown" (skipped by the workers, so we never reply) with no text kept.
//
// eventKey (unique per channel; a redelivery of the same event yields the same key):
//   message / quick reply / attachment:  message.mid
//   postback:                            postback.mid (v11.0+), else postback:<psid>:<ms>:<payload>
//   delivery:                            delivery:<psid>:<watermark ms>
//   read:                                read:<psid>:<watermark ms>
//   referral:                            referral:<psid>:<ms>:<ref>
//   optin:                               optin:<psid>:<ms>:<ref or type>
//   message without mid (never seen):    message:<psid>:<ms>
//   standby item:                        standby:<the key above>
//   other event types (reaction, pass_thread_control, …): <field>:<psid>:<ms>
// <ms> is the item's timestamp (seconds are converted), else entry.time, else "-".
// Keys longer than 200 characters or with non-printable characters become "h:<sha256>",
// so the unique index stays small on PostgreSQL.
import { createHash } from "node:crypto";
import type { ParseResult } from "../../core/channel.js";
import type { InboundEvent } from "../../core/messages.js";
import { messageContent } from "./message.js";
import { Delivery, Entry, Envelope, Item, Optin, Postback, Read, Referral } from "./schema.js";

export const MESSENGER = "messenger";

const ENVELOPE_FIELDS = new Set(["sender", "recipient", "timestamp"]);

/** The Page ids a body's entries are for (several Pages of one app may share a delivery). */
export function messengerAccountsIn(json: unknown): string[] {
  const entries = typeof json === "object" && json !== null ? (json as { entry?: unknown }).entry : undefined;
  if (!Array.isArray(entries)) return [];
  const ids = entries.map((e) => (typeof e === "object" && e !== null ? (e as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === "string" && id !== "");
  return [...new Set(ids)];
}

/**
 * `channel`: the account's channel id the events carry. `pageId`: only entries for this Page
 * are read (the others belong to other accounts); undefined reads every entry. `appId`: this
 * app's id, whose echoes are its own sends (without it every echo goes to the bot to decide).
 */
export function parseMessengerBody(body: unknown, channel: string = MESSENGER, pageId?: string, appId?: string): ParseResult {
  const envelope = Envelope.safeParse(body);
  if (!envelope.success) return { ok: false, reason: "not an object with `object` and an `entry` array" };
  if (envelope.data.object !== "page") return { ok: true, events: [] };
  const events: InboundEvent[] = [];
  for (const rawEntry of envelope.data.entry) {
    const entry = Entry.safeParse(rawEntry);
    if (!entry.success) continue;
    if (pageId !== undefined && entry.data.id !== pageId) continue;
    for (const raw of entry.data.messaging ?? []) {
      const e = readItem(raw, entry.data, channel, appId);
      if (e) events.push(e);
    }
    for (const raw of entry.data.standby ?? []) {
      const e = readItem(raw, entry.data, channel, appId);
      if (e && e.kind !== "echo") events.push(asStandby(e));
    }
  }
  return { ok: true, events };
}

/**
 * A message the Page sent. Sent by this app (its app_id): nothing to do. Otherwise a person
 * answered from the Page Inbox (or another tool): an "echo" event to the PSID it went to,
 * which the bot takes as a person holding the conversation (bot/platform-inbox.ts).
 */
function echoItem(message: Record<string, unknown>, item: { sender?: { id?: string }; recipient?: { id?: string }; timestamp?: number }, entry: Entry, channel: string, appId: string | undefined): InboundEvent | undefined {
  if (appId !== undefined && message.app_id !== undefined && String(message.app_id) === appId) return undefined;
  const page = item.sender?.id;
  if (entry.id !== undefined && page !== undefined && page !== entry.id) return undefined;
  const psid = item.recipient?.id;
  if (!psid || !isSafeId(psid)) return undefined;
  const mid = typeof message.mid === "string" && message.mid.length > 0 && message.mid.length <= 256 ? message.mid : undefined;
  const ms = item.timestamp ?? entry.time;
  const text = typeof message.text === "string" ? message.text.slice(0, 10_000).normalize("NFC") : undefined;
  return {
    channel,
    userId: psid,
    occurredAt: new Date(ms ?? Date.now()).toISOString(),
    eventKey: safeKey(mid ?? `echo:${psid}:${ms ?? "-"}`),
    kind: "echo",
    echo: mid ? { messageId: mid } : {},
    ...(text ? { text } : {}),
    platformEvent: "echo",
  };
}

function readItem(raw: unknown, entry: Entry, channel: string, appId?: string): InboundEvent | undefined {
  const parsed = Item.safeParse(raw);
  if (!parsed.success) return undefined;
  const item = parsed.data;
  if (isRecord(item.message) && item.message.is_echo === true) return echoItem(item.message, item, entry, channel, appId);
  const page = item.recipient?.id;
  if (entry.id !== undefined && page !== undefined && page !== entry.id) return undefined;
  const psid = item.sender?.id;
  if (!psid || !isSafeId(psid)) return undefined;

  const ms = item.timestamp ?? entry.time;
  const at = ms !== undefined ? String(ms) : "-";
  const base = { channel, userId: psid, occurredAt: new Date(ms ?? Date.now()).toISOString() };

  if (item.message !== undefined) {
    const m = messageContent(item.message);
    if (!m) return undefined;
    return { ...base, eventKey: safeKey(m.mid ?? `message:${psid}:${at}`), ...m.content };
  }
  if (item.postback !== undefined) {
    const p = Postback.safeParse(item.postback);
    if (!p.success) return undefined;
    const { mid, title, payload, referral } = p.data;
    return {
      ...base,
      eventKey: safeKey(mid ? mid : `postback:${psid}:${at}:${payload ?? ""}`),
      kind: "postback",
      ...(payload !== undefined ? { payload } : {}),
      ...(title ? { text: title } : {}),
      ...(referral ? { referral: compact(referral) } : {}),
      platformEvent: "postback",
    };
  }
  if (item.delivery !== undefined) {
    const d = Delivery.safeParse(item.delivery);
    if (!d.success) return undefined;
    const mids = (d.data.mids ?? []).filter((x) => x.length > 0);
    const wm = d.data.watermark;
    if (mids.length === 0 && wm === undefined) return undefined;
    return {
      ...base,
      eventKey: safeKey(`delivery:${psid}:${wm ?? digest(mids.join(","))}`),
      kind: "delivery",
      receipt: { ...(mids.length > 0 ? { messageIds: mids } : {}), ...(wm !== undefined ? { watermark: String(wm) } : {}) },
      platformEvent: "delivery",
    };
  }
  if (item.read !== undefined) {
    const r = Read.safeParse(item.read);
    if (!r.success || r.data.watermark === undefined) return undefined;
    const wm = String(r.data.watermark);
    return { ...base, eventKey: safeKey(`read:${psid}:${wm}`), kind: "read", receipt: { watermark: wm }, platformEvent: "read" };
  }
  if (item.referral !== undefined) {
    const r = Referral.safeParse(item.referral);
    if (!r.success) return undefined;
    const referral = compact(r.data);
    return { ...base, eventKey: safeKey(`referral:${psid}:${at}:${referral.ref ?? ""}`), kind: "referral", referral, platformEvent: "referral" };
  }
  if (item.optin !== undefined) {
    const o = Optin.safeParse(item.optin);
    if (!o.success) return undefined;
    const { ref, type } = o.data;
    // A checkbox/plugin opt-in with a ref is an entry point like an m.me link; other opt-ins
    // (notification_messages tokens, deprecated 2026) are kept as a record only, token dropped.
    if (ref) return { ...base, eventKey: safeKey(`optin:${psid}:${at}:${ref}`), kind: "referral", referral: { ref, source: "optin" }, platformEvent: "optin" };
    const what = fieldName(type ?? "optin");
    return { ...base, eventKey: safeKey(`optin:${psid}:${at}:${what}`), kind: "unknown", platformEvent: `optin:${what}` };
  }
  const other = Object.keys(item).find((k) => !ENVELOPE_FIELDS.has(k));
  if (other === undefined) return undefined;
  const what = fieldName(other);
  return { ...base, eventKey: safeKey(`${what}:${psid}:${at}`), kind: "unknown", platformEvent: what };
}

/** While another app owns the thread we must not answer: keep that it happened, not what was said. */
function asStandby(e: InboundEvent): InboundEvent {
  return {
    channel: e.channel,
    eventKey: safeKey(`standby:${e.eventKey}`),
    userId: e.userId,
    kind: "unknown",
    occurredAt: e.occurredAt,
    platformEvent: `standby:${e.platformEvent ?? e.kind}`,
  };
}

function compact(r: { ref?: string | undefined; source?: string | undefined }): { ref?: string; source?: string } {
  return { ...(r.ref ? { ref: r.ref } : {}), ...(r.source ? { source: r.source } : {}) };
}

export function safeKey(key: string): string {
  return key.length <= 200 && /^[\x20-\x7e]*$/.test(key) ? key : `h:${digest(key)}`;
}

function digest(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** PSIDs are opaque: any printable ASCII up to 128 characters (courier's numeric check would drop the simulator's ids). */
function isSafeId(id: string): boolean {
  return /^[\x21-\x7e]{1,128}$/.test(id);
}

function fieldName(s: string): string {
  return /^[A-Za-z_]{1,40}$/.test(s) ? s : "other";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
