// A `message` item → the part of an InboundEvent that depends on its content: text,
// a tapped quick reply, attachments, a shared location.
import type { Attachment as OutAttachment, InboundEvent } from "../../core/messages.js";
import { Attachment, Message } from "./schema.js";

type Content = Pick<InboundEvent, "kind" | "text" | "payload" | "attachments" | "location" | "platformEvent">;

const MEDIA = new Set(["image", "audio", "video", "file"]);

/** undefined when there is nothing a person could have meant (no text, no attachment). */
export function messageContent(raw: unknown): { mid?: string; content: Content } | undefined {
  const parsed = Message.safeParse(raw);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  const mid = m.mid ? m.mid : undefined;
  const text = m.text ? m.text : undefined;
  if (m.quick_reply) {
    // A tapped quick reply arrives as a message; to the bot it is a button press.
    return { mid, content: { kind: "postback", payload: m.quick_reply.payload, ...(text ? { text } : {}), platformEvent: "quick_reply" } };
  }
  const read = (m.attachments ?? []).map(readAttachment);
  const location = read.find((a) => a.location)?.location;
  if (location) return { mid, content: { kind: "location", location, ...(text ? { text } : {}), platformEvent: "message" } };
  const attachments = read.flatMap((a) => (a.attachment ? [a.attachment] : []));
  if (attachments.length > 0) {
    return { mid, content: { kind: "attachment", attachments, ...(text ? { text } : {}), platformEvent: "message" } };
  }
  if (text) return { mid, content: { kind: "text", text, platformEvent: "message" } };
  return undefined;
}

interface Read {
  attachment?: OutAttachment;
  location?: { lat: number; lng: number };
}

/**
 * Media with an http(s) URL keep it; stickers (an image with sticker_id) become "sticker";
 * a fallback with a web link is a "link"; everything else (reels, posts, a fallback whose
 * "url" is a file name) is "other" without a URL: the person sent something, we cannot open it.
 */
function readAttachment(raw: unknown): Read {
  const parsed = Attachment.safeParse(raw);
  if (!parsed.success) return { attachment: { type: "other" } };
  const { type, payload } = parsed.data;
  const url = payload?.url && isWebUrl(payload.url) ? payload.url : undefined;
  const withUrl = url ? { url } : {};
  if (type === "location") {
    const c = payload?.coordinates;
    if (c && Math.abs(c.lat) <= 90 && Math.abs(c.long) <= 180) return { location: { lat: c.lat, lng: c.long } };
    return { attachment: { type: "other" } };
  }
  if (payload?.sticker_id !== undefined) return { attachment: { type: "sticker", ...withUrl } };
  if (MEDIA.has(type)) return { attachment: { type: type as OutAttachment["type"], ...withUrl } };
  if (type === "fallback" && url) return { attachment: { type: "link", url } };
  return { attachment: { type: "other", ...withUrl } };
}

function isWebUrl(s: string): boolean {
  return s.length <= 2048 && /^https?:\/\/[^\s/]+/i.test(s);
}
