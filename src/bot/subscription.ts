// Campaign messages, on or off, per person and per channel ("DỪNG" / "nhận tin"). Stopping
// them never stops help: a person who wrote "DỪNG" is still answered whenever she writes.
// Matched on the text as typed (lower-case, tones kept) because without tones "dừng" and
// "đúng" (yes, right: a common answer inside a form) are the same word: bare "dung" counts as
// stop only outside a form.
import type { ConversationPatch, ConversationRecord } from "../core/conversation.js";
import type { OutboundMessage } from "../core/messages.js";
import { replyTo } from "../core/reply.js";
import type { Translate } from "../i18n.js";

export type SubscriptionCommand = "stop" | "start" | "news";

const STOP = new Set(["dừng", "stop", "hủy nhận tin", "huy nhan tin", "dừng nhận tin", "dung nhan tin", "ngừng nhận tin", "ngung nhan tin", "không nhận tin", "khong nhan tin", "unsubscribe"]);
const START = new Set(["nhận tin", "nhan tin", "đăng ký nhận tin", "dang ky nhan tin", "đăng kí nhận tin", "nhận lại tin", "nhan lai tin", "subscribe"]);
/** Alone, "đăng ký" starts a team leader's registration; from someone who stopped campaign messages it means "send them again". */
const REGISTER = new Set(["đăng ký", "dang ky", "đăng kí", "dang ki"]);

export const NEWS_PAYLOAD = "MENU_NEWS";

export function parseSubscriptionCommand(raw: string, opts: { inFlow: boolean; optedOut: boolean }): SubscriptionCommand | null {
  const s = raw.normalize("NFC").toLowerCase().replace(/[.!?,;:]+$/u, "").replace(/\s+/g, " ").trim();
  if (s === "") return null;
  if (raw.trim() === NEWS_PAYLOAD) return "news";
  if (STOP.has(s) || (s === "dung" && !opts.inFlow)) return "stop";
  if (START.has(s) || (opts.optedOut && REGISTER.has(s))) return "start";
  return null;
}

export function subscriptionAnswer(cmd: SubscriptionCommand, conv: ConversationRecord, now: Date, t: Translate): { replies: OutboundMessage[]; patch: ConversationPatch } {
  if (cmd === "stop") return { replies: [replyTo(conv, t("bot:news.stopped"))], patch: { optedOutAt: now } };
  const patch: ConversationPatch = { optedOutAt: null, newsOptInAt: conv.newsOptInAt ?? now };
  if (cmd === "news") return { replies: [replyTo(conv, t("bot:news.explained"))], patch };
  return { replies: [replyTo(conv, t(conv.optedOutAt ? "bot:news.restarted" : "bot:news.explained"))], patch };
}
