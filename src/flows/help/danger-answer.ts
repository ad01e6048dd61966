// The answer to a message that suggests danger: emergency numbers first, the nearest
// verified trusted address when the person's area is known, one line of safety advice.
// No questionnaire, no request for details (docs/reference/project8.md §7 rules 1-2).
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import { hotlineText } from "../../content/hotlines.js";
import type { DangerMatch } from "../../safety/danger.js";
import type { HelpContent } from "./content.js";
import { callChoices } from "./hotlines.js";

export function dangerAnswer(conv: ConversationRecord, match: DangerMatch, content: HelpContent, t: Translate): OutboundMessage[] {
  if (match.severity === 1) return [gentleAnswer(conv, content, t)];
  const lines = (lang: string, tr: Translate) => [
    tr("help:danger.lead"),
    ...content.emergency.map((h) => tr("help:danger.line", { number: h.number, name: hotlineText(h, lang).name })),
  ];
  const body = lines(conv.language, t);
  const nearest = nearestVerified(conv, content);
  if (nearest) {
    const name = conv.language === "vi" ? nearest.name.vi : nearest.name.en;
    body.push(t("help:danger.nearest", { name, phone: nearest.phone ? t("help:danger.phone", { phone: nearest.phone }) : "" }));
  }
  body.push(t("help:danger.safe"), t("help:danger.flagged"));
  const replies = [replyTo(conv, body.join("\n"), callChoices(content.emergency), t("help:hotlines.callHint"))];
  if (conv.language !== "vi") {
    // Danger and hotline messages are always also shown in Vietnamese (docs/reference/project8.md §5 rule 3).
    const vi: Translate = (k, v) => t(k, { ...v, lng: "vi" });
    replies.push(replyTo(conv, [vi("help:danger.vietnameseCopy"), ...lines("vi", vi)].join("\n")));
  }
  return replies;
}

function gentleAnswer(conv: ConversationRecord, content: HelpContent, t: Translate): OutboundMessage {
  const line = content.emergency.find((h) => h.id === "111") ?? content.emergency[0]!;
  return replyTo(conv, t("help:danger.gentle", { number: line.number, name: hotlineText(line, conv.language).name }), callChoices([line]));
}

/** Only a verified entry may be named in an emergency answer (docs/reference/project8.md §7 rule 1). */
function nearestVerified(conv: ConversationRecord, content: HelpContent) {
  if (!conv.communeCode) return null;
  return content.addresses().find((a) => a.communeCode === conv.communeCode && a.verifiedBy && !a.isSample) ?? null;
}
