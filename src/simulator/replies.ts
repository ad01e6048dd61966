// Reads the bodies the bot sends to the fake platforms back into what a phone would show:
// text plus tappable chips. Lenient on purpose: a shape the simulator does not know is shown
// as text only, never refused, because the fakes must not hide a reply from a demo.
import type { Chip, NewEntry } from "./transcript.js";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Zalo OA v3 `/message/cs` body: `{recipient:{user_id}, message:{text?, attachment?}}`. */
export function zaloReply(body: unknown): { userId: string; entry: NewEntry } | null {
  if (!isObj(body) || !isObj(body.recipient) || !isObj(body.message)) return null;
  const userId = str(body.recipient.user_id);
  if (!userId) return null;
  const message = body.message;
  const payload = isObj(message.attachment) && isObj(message.attachment.payload) ? message.attachment.payload : {};
  const texts = [str(message.text), str(payload.text)];
  // Buttons sit in payload.buttons (text + buttons) or in each list element's buttons.
  const buttons = [...arr(payload.buttons), ...arr(payload.elements).flatMap((e) => (isObj(e) ? arr(e.buttons) : []))];
  for (const e of arr(payload.elements)) if (isObj(e)) texts.push(str(e.title), str(e.subtitle));
  return { userId, entry: entryOf(texts, buttons.map(zaloChip)) };
}

function zaloChip(b: unknown): Chip | null {
  if (!isObj(b)) return null;
  const title = str(b.title) ?? "";
  const type = str(b.type) ?? "";
  const p = b.payload;
  if (type === "oa.query.show" || type === "oa.query.hide") {
    // Zalo sends the payload string back to the OA as the person's own text.
    const payload = str(p) ?? (isObj(p) ? str(p.data) : undefined);
    return payload ? { kind: "reply", title, payload, via: "text" } : null;
  }
  if (type === "oa.open.phone" || type === "oa.open.sms") {
    const phone = isObj(p) ? str(p.phone_code) : str(p);
    return phone ? { kind: "call", title, phone } : null;
  }
  if (type === "oa.open.url") {
    const url = isObj(p) ? str(p.url) : str(p);
    return url ? { kind: "url", title, url } : null;
  }
  return null;
}

/** Graph Send API body: `{recipient:{id}, messaging_type, message:{text, quick_replies?|attachment?}}`. */
export function messengerReply(body: unknown): { userId: string; entry: NewEntry } | null {
  if (!isObj(body) || !isObj(body.recipient)) return null;
  const userId = str(body.recipient.id);
  if (!userId || !isObj(body.message)) return null; // sender_action calls carry no message
  const message = body.message;
  const payload = isObj(message.attachment) && isObj(message.attachment.payload) ? message.attachment.payload : {};
  const texts = [str(message.text), str(payload.text)];
  for (const e of arr(payload.elements)) if (isObj(e)) texts.push(str(e.title), str(e.subtitle));
  const chips = [
    ...arr(message.quick_replies).map(quickReplyChip),
    ...arr(payload.buttons).map(messengerButtonChip),
    ...arr(payload.elements).flatMap((e) => (isObj(e) ? arr(e.buttons).map(messengerButtonChip) : [])),
  ];
  return { userId, entry: entryOf(texts, chips) };
}

function quickReplyChip(q: unknown): Chip | null {
  if (!isObj(q)) return null;
  const title = str(q.title) ?? "";
  const payload = str(q.payload);
  if (str(q.content_type) === "user_phone_number" || !payload) return null;
  return { kind: "reply", title, payload, via: "quick_reply" };
}

function messengerButtonChip(b: unknown): Chip | null {
  if (!isObj(b)) return null;
  const title = str(b.title) ?? "";
  const type = str(b.type);
  if (type === "postback") {
    const payload = str(b.payload);
    return payload ? { kind: "reply", title, payload, via: "postback" } : null;
  }
  if (type === "phone_number") {
    const phone = str(b.payload);
    return phone ? { kind: "call", title, phone } : null;
  }
  if (type === "web_url") {
    const url = str(b.url);
    return url ? { kind: "url", title, url } : null;
  }
  return null;
}

function entryOf(texts: (string | undefined)[], chips: (Chip | null)[]): NewEntry {
  const text = texts.filter((t): t is string => Boolean(t)).join("\n");
  const kept = chips.filter((c): c is Chip => c !== null);
  return { from: "bot", ...(text ? { text } : {}), ...(kept.length ? { chips: kept } : {}) };
}
