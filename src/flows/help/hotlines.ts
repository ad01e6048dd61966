// The hotline list: what each line is for, whether it is free and when it answers, only as
// content/hotlines.yaml states it (unknown cost or hours → nothing said), with call buttons.
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { Choice, OutboundMessage } from "../../core/messages.js";
import { hotlineText, type Hotline } from "../../content/hotlines.js";

export function callChoices(hotlines: Hotline[]): Choice[] {
  return hotlines.map((h) => ({ kind: "call", title: `📞 ${h.number}`, phone: h.dial }));
}

export function hotlineLines(hotlines: Hotline[], lang: string, t: Translate): string[] {
  return hotlines.map((h) => {
    const text = hotlineText(h, lang);
    const parts = [t("help:hotlines.item", { number: h.number, name: text.name, purpose: text.purpose })];
    if (h.free === true) parts.push(t("help:hotlines.free"));
    if (text.hours) parts.push(t("help:hotlines.hours", { hours: text.hours }));
    if (text.recorded) parts.push(text.recorded);
    return parts.join(" ");
  });
}

export function hotlinesAnswer(conv: ConversationRecord, hotlines: Hotline[], t: Translate): OutboundMessage[] {
  const lines = hotlineLines(hotlines, conv.language, t);
  const answer = replyTo(conv, [t("help:hotlines.title"), ...lines].join("\n"), callChoices(hotlines), t("help:hotlines.callHint"));
  if (conv.language === "vi") return [answer];
  // Hotline text is always shown in Vietnamese too (docs/reference/project8.md §5 rule 3).
  const vi = hotlineLines(hotlines, "vi", (k, v) => t(k, { ...v, lng: "vi" }));
  return [answer, replyTo(conv, [t("help:danger.vietnameseCopy", { lng: "vi" }), ...vi].join("\n"))];
}
