// What the inbox worker needs from a bot. The bot lives in src/bot and is handed to
// the worker by main.ts, so core/ imports no flow.
import type { Tx } from "../db/client.js";
import type { ConversationPatch, ConversationRecord } from "./conversation.js";
import type { InboundEvent, OutboundMessage } from "./messages.js";

export interface BotTurn {
  event: InboundEvent;
  conversation: ConversationRecord;
  /** The worker's transaction: everything the bot writes commits with the replies, or not at all. */
  tx: Tx;
  now: Date;
}

export interface BotResult {
  replies: OutboundMessage[];
  conversation?: ConversationPatch;
  /** True when the bot deleted this person's data: the worker must not re-create the row. */
  forgotten?: boolean;
}

export type Bot = (turn: BotTurn) => Promise<BotResult>;

/**
 * What still goes out when the bot failed on an event: the emergency answer if the text
 * suggests danger, else nothing. It must not depend on the rest of the bot working, so it
 * reads no conversation state; it may try to raise the flag, and must not throw.
 */
export type SafetyNet = (event: InboundEvent) => Promise<OutboundMessage[]>;
