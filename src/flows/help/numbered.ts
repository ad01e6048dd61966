// Lists answered by a tap or by typing the item's number: the same digit payload either way,
// so Zalo's "send the payload as text" buttons and typed digits land in one place.
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";

export function numbered(conv: ConversationRecord, question: string, titles: string[], t: Translate): OutboundMessage {
  return replyTo(
    conv,
    question,
    titles.map((title, i) => ({ kind: "reply", title, payload: String(i + 1) })),
    t("menu.hint"),
  );
}

export function pickNumber<T>(raw: string, items: T[]): T | undefined {
  const s = raw.trim();
  if (!/^\d{1,2}$/.test(s)) return undefined;
  return items[Number(s) - 1];
}
