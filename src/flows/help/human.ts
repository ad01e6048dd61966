// "Gặp cán bộ": open a handover request that staff see in their inbox, and say what
// happens next, with the emergency numbers for the meantime.
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import type { Tx } from "../../db/client.js";
import { openHandover } from "../../handover/handover.js";
import type { HelpContent } from "./content.js";
import { callChoices } from "./hotlines.js";

export async function requestHuman(tx: Tx, conv: ConversationRecord, content: HelpContent, t: Translate): Promise<OutboundMessage[]> {
  const { created } = await openHandover(tx, conv.id, "request", 0);
  const numbers = content.emergency.map((h) => h.number).join(", ");
  return [replyTo(conv, t(created ? "help:human.opened" : "help:human.already", { numbers }), callChoices(content.emergency))];
}
