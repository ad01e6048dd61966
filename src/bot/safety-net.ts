// The emergency answer for an event the bot failed on (core/inbox-worker.ts calls it). It
// depends on nothing but the danger detector and the shipped hotlines: no conversation
// state, no flow, so whatever broke the turn cannot also silence a cry for help.
import type { SafetyNet } from "../core/bot.js";
import { loadOrCreateConversation, type ConversationRecord } from "../core/conversation.js";
import type { Db } from "../db/client.js";
import type { HelpContent } from "../flows/help/content.js";
import { dangerAnswer } from "../flows/help/danger-answer.js";
import { openHandover } from "../handover/handover.js";
import { translator } from "../i18n.js";
import { errorFields, log } from "../log.js";
import { detectDanger } from "../safety/danger.js";

export function createSafetyNet(db: Db, content: HelpContent): SafetyNet {
  return async (event) => {
    const danger = event.text ? detectDanger(event.text) : null;
    if (!danger) return [];
    // Vietnamese: the person's language is in the state we do not trust now, and every
    // emergency answer is given in Vietnamese anyway.
    const conv: ConversationRecord = {
      id: 0,
      channel: event.channel,
      userId: event.userId,
      language: "vi",
      flow: null,
      step: null,
      data: {},
      provinceCode: null,
      communeCode: null,
      handledBy: "bot",
      version: 0,
      lastInboundAt: null,
      privacyNoticeAt: null,
      newsOptInAt: null,
      optedOutAt: null,
      unreachableAt: null,
      unreachableReason: null,
      referralCode: null,
      referredAt: null,
    };
    try {
      // Best effort, so that a person sees the flag: the failure may be the database itself.
      await db.$transaction(async (tx) => {
        const row = await loadOrCreateConversation(tx, event.channel, event.userId);
        await openHandover(tx, row.id, "danger", danger.severity, danger.category);
      });
    } catch (err) {
      log.error("danger flag for a failed event could not be raised", errorFields(err));
    }
    return dangerAnswer(conv, danger, content, translator("vi"));
  };
}
