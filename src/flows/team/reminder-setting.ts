// "tắt nhắc" / "bật nhắc": a leader switches the quarterly report reminders for this account.
// Honoured at once: the next reminder run reads the flag (reminders.ts).
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import type { Tx } from "../../db/client.js";
import { setRemindersOff } from "./membership.js";

export async function reminderSettingAnswer(
  tx: Tx,
  conv: Pick<ConversationRecord, "channel" | "userId">,
  setting: "off" | "on",
  t: Translate,
): Promise<OutboundMessage[]> {
  const member = await setRemindersOff(tx, conv.channel, conv.userId, setting === "off");
  return [replyTo(conv, t(member ? `team:reminderSetting.${setting}` : "team:reminderSetting.notMember"))];
}
