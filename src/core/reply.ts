// Small helpers to build replies addressed to the person who wrote.
import type { ConversationRecord } from "./conversation.js";
import type { Choice, OutboundMessage } from "./messages.js";

export function replyTo(conv: Pick<ConversationRecord, "channel" | "userId">, text: string, choices?: Choice[], choicesHint?: string): OutboundMessage {
  return { channel: conv.channel, recipientId: conv.userId, text, ...(choices ? { choices } : {}), ...(choicesHint ? { choicesHint } : {}) };
}
