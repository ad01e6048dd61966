// Zalo webhook body → channel-neutral InboundEvents. Pure: no I/O, no clock.
//
// eventKey (the inbox's dedupe key): `message.msg_id` for messages a person sent — Zalo's
// own id, stable across redeliveries. Everything else has no id of its own and gets
// `${event_name}:${userId}:${timestamp}`, which a redelivery repeats byte for byte. Receipts
// use the derived key too even though they carry msg_ids: those name the OA message being
// acknowledged, so a "received" and a "seen" for the same message would otherwise collide.
import type { ParseResult } from "../../core/channel.js";
import type { Attachment, InboundEvent } from "../../core/messages.js";
import {
  envelope,
  followEvent,
  locationPayload,
  oaEcho,
  receiptEvent,
  submitInfoEvent,
  urlPayload,
  userMessage,
  zaloId,
} from "./schemas.js";

type Out = InboundEvent[] | { error: string };
interface Base {
  channel: string;
  name: string;
  timestamp: string;
  occurredAt: string;
}

const ATTACHMENT_EVENTS: Record<string, Attachment["type"]> = {
  user_send_image: "image",
  user_send_gif: "image",
  user_send_video: "video",
  user_send_audio: "audio",
  user_send_file: "file",
  user_send_sticker: "sticker",
  user_send_link: "link",
  // A contact card holds someone's phone number: we note that a card came, nothing more.
  user_send_business_card: "other",
};

const ATTACHMENT_TYPES: Record<string, Attachment["type"]> = {
  image: "image",
  gif: "image",
  video: "video",
  audio: "audio",
  file: "file",
  sticker: "sticker",
  link: "link",
};

export function parseZaloBody(body: unknown, channel: string): ParseResult {
  if (!isRecord(body) || typeof body.event_name !== "string") return { ok: false, reason: "no event_name" };
  const env = envelope.safeParse(body);
  if (!env.success) return { ok: false, reason: `envelope: ${issuePath(env.error)}` };
  const { event_name: name, timestamp } = env.data;
  const base: Base = { channel, name, timestamp, occurredAt: new Date(Number(timestamp)).toISOString() };
  const out = route(body, base);
  return Array.isArray(out) ? { ok: true, events: out } : { ok: false, reason: `${name}: ${out.error}` };
}

function route(body: Record<string, unknown>, b: Base): Out {
  // What the OA sent, by this server or by an admin in the OA Manager: the bot tells the two
  // apart by the message id its own sends recorded (bot/platform-inbox.ts). Never the bot's input.
  if (b.name.startsWith("oa_send_")) return echoEvent(body, b);
  if (b.name === "user_send_text") return textEvent(body, b);
  if (b.name === "user_send_location") return locationEvent(body, b);
  if (b.name in ATTACHMENT_EVENTS) return attachmentEvent(body, b, ATTACHMENT_EVENTS[b.name]!);
  if (b.name === "follow" || b.name === "unfollow") {
    const p = followEvent.safeParse(body);
    if (!p.success) return { error: issuePath(p.error) };
    return [event(b, p.data.follower.id, b.name, derivedKey(b, p.data.follower.id))];
  }
  if (b.name === "user_submit_info") {
    // Privacy: the submitted name, phone and address are dropped here, before storage.
    const p = submitInfoEvent.safeParse(body);
    if (!p.success) return { error: issuePath(p.error) };
    return [event(b, p.data.sender.id, "submit_info", derivedKey(b, p.data.sender.id))];
  }
  if (b.name === "user_seen_message" || b.name === "user_received_message") return receipt(body, b);
  if (b.name === "user_click_chatnow") {
    // The person opened the chat from the OA profile: an interaction that opens the 7-day
    // reply window (zalo.md §4), and the moment they expect a greeting — the same meaning as
    // Messenger's referral, which the bot answers with the menu. The payload layout is
    // UNCONFIRMED, so when no user id can be found the event is kept as "unknown".
    const userId = looseUserId(body);
    if (userId) return [{ ...event(b, userId, "referral", derivedKey(b, userId)), referral: { source: "zalo_chatnow" } }];
  }
  const userId = looseUserId(body) ?? "unknown";
  return [event(b, userId, "unknown", looseMsgId(body) ?? derivedKey(b, userId))];
}

function echoEvent(body: unknown, b: Base): Out {
  const p = oaEcho.safeParse(body);
  if (!p.success) return { error: issuePath(p.error) };
  const { recipient, message } = p.data;
  const id = message?.msg_id;
  return [{ ...event(b, recipient.id, "echo", id ?? derivedKey(b, recipient.id)), ...(id ? { echo: { messageId: id } } : { echo: {} }), ...(message?.text ? { text: message.text.normalize("NFC") } : {}) }];
}

function textEvent(body: unknown, b: Base): Out {
  const p = userMessage.safeParse(body);
  if (!p.success) return { error: issuePath(p.error) };
  const { sender, message } = p.data;
  if (message.text === undefined) return { error: "message.text missing" };
  return [{ ...event(b, sender.id, "text", message.msg_id), text: message.text.normalize("NFC") }];
}

function attachmentEvent(body: unknown, b: Base, fallback: Attachment["type"]): Out {
  const p = userMessage.safeParse(body);
  if (!p.success) return { error: issuePath(p.error) };
  const { sender, message } = p.data;
  const attachments: Attachment[] =
    fallback === "other"
      ? [{ type: "other" }]
      : (message.attachments ?? []).map((a) => {
          const url = urlPayload.safeParse(a.payload);
          return { type: ATTACHMENT_TYPES[a.type] ?? "other", ...(url.success ? { url: url.data.url } : {}) };
        });
  const caption = fallback === "other" ? undefined : message.text?.trim();
  return [
    {
      ...event(b, sender.id, "attachment", message.msg_id),
      attachments: attachments.length > 0 ? attachments : [{ type: fallback }],
      ...(caption ? { text: caption.normalize("NFC") } : {}),
    },
  ];
}

function locationEvent(body: unknown, b: Base): Out {
  const p = userMessage.safeParse(body);
  if (!p.success) return { error: issuePath(p.error) };
  const { sender, message } = p.data;
  const att = message.attachments?.find((a) => a.type === "location");
  const loc = locationPayload.safeParse(att?.payload);
  if (!loc.success) return { error: `location ${issuePath(loc.error)}` };
  const { latitude: lat, longitude: lng } = loc.data.coordinates;
  const place = message.text?.trim();
  return [{ ...event(b, sender.id, "location", message.msg_id), location: { lat, lng }, ...(place ? { text: place.normalize("NFC") } : {}) }];
}

function receipt(body: unknown, b: Base): Out {
  const p = receiptEvent.safeParse(body);
  if (!p.success) return { error: issuePath(p.error) };
  const ids = p.data.message?.msg_ids;
  // Without msg_ids there is nothing of ours to update. That is also the ZNS delivery
  // receipt, whose recipient.id is a phone number: it must not become a stored user id.
  if (!ids) return [];
  const userId = p.data.recipient.id;
  const kind = b.name === "user_seen_message" ? "read" : "delivery";
  return [{ ...event(b, userId, kind, derivedKey(b, userId)), receipt: { messageIds: ids } }];
}

function event(b: Base, userId: string, kind: InboundEvent["kind"], eventKey: string): InboundEvent {
  return { channel: b.channel, eventKey, userId, kind, occurredAt: b.occurredAt, platformEvent: b.name };
}

function derivedKey(b: Base, userId: string): string {
  return `${b.name}:${userId}:${b.timestamp}`;
}

/** The person's id wherever an unfamiliar event may carry it; recipient.id is never used (it can be a phone). */
function looseUserId(body: Record<string, unknown>): string | undefined {
  const candidates = [body.user_id, field(body.sender, "id"), field(body.follower, "id")];
  for (const c of candidates) {
    const id = zaloId.safeParse(c);
    if (id.success) return id.data;
  }
  return undefined;
}

function looseMsgId(body: Record<string, unknown>): string | undefined {
  const id = field(body.message, "msg_id");
  return typeof id === "string" && id.length > 0 && id.length <= 128 ? id : undefined;
}

function field(o: unknown, key: string): unknown {
  return isRecord(o) ? o[key] : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Where a body failed, never what it held (reasons are logged). */
function issuePath(err: { issues: { path: PropertyKey[] }[] }): string {
  const issue = err.issues[0];
  return issue ? `invalid ${issue.path.map(String).join(".") || "body"}` : "invalid";
}
