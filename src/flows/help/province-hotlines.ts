// When no trusted address can be named (none recorded in the commune, none within reach of a
// shared location), the answer says so and gives the hotlines that serve the person's province:
// a person looking for help must never be left with nothing to call.
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import { hotlinesFor } from "../../content/hotlines.js";
import type { HelpContent } from "./content.js";
import { callChoices, hotlineLines } from "./hotlines.js";

export function provinceHotlineAnswer(conv: ConversationRecord, provinceCode: string | null, content: HelpContent, t: Translate, lead: string[]): OutboundMessage {
  const lines = hotlinesFor(provinceCode, content.hotlines);
  const province = provinceCode ? content.areas.provincesByCode.get(provinceCode)?.name : undefined;
  const title = province ? t("help:addresses.provinceHotlines", { province }) : t("help:hotlines.title");
  return replyTo(conv, [...lead, title, ...hotlineLines(lines, conv.language, t), t("help:addresses.askStaff")].join("\n"), callChoices(lines.slice(0, 3)), t("help:hotlines.callHint"));
}
