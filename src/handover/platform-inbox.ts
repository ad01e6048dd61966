// Union staff also answer from the platforms' own inboxes (the Zalo OA Manager, the Facebook
// Page Inbox). The platform reports every message the account sent; one this server did not
// send means a person took over: the bot goes quiet in that conversation, as if she had
// claimed it in the console, until she falls silent (jobs/handover-release.ts) or staff
// release it. Our own sends are recognised by the message id the outbox recorded, or, for an
// echo that arrives before that id was written, by a send still in flight or the same words
// sent moments ago.
import { conversationKey, type InboundEvent } from "../core/messages.js";
import type { Tx } from "../db/client.js";

/** An echo this long after our send with the same words is still ours (the id was not written yet). */
const OWN_WORDS_WINDOW_MS = 2 * 60_000;

export async function isOwnSend(tx: Tx, event: InboundEvent, now: Date): Promise<boolean> {
  const id = event.echo?.messageId;
  if (id && (await tx.outboxMessage.findFirst({ where: { channel: event.channel, platformMessageId: id }, select: { id: true } }))) return true;
  const recent = await tx.outboxMessage.findMany({
    where: { conversationKey: conversationKey(event.channel, event.userId), createdAt: { gte: new Date(now.getTime() - OWN_WORDS_WINDOW_MS) }, status: { in: ["sending", "sent"] } },
    orderBy: { id: "desc" },
    take: 20,
    select: { status: true, payload: true, platformMessageId: true },
  });
  // A send whose answer has not come back yet: its echo can overtake it.
  if (recent.some((r) => r.status === "sending")) return true;
  const words = event.text?.trim();
  if (!words) return false;
  // The words as they appear inside the JSON body we sent (the platforms echo the text as sent).
  const quoted = JSON.stringify(words).slice(1, -1);
  return recent.some((r) => r.payload.includes(quoted) && (r.platformMessageId === null || r.platformMessageId === id));
}

/**
 * A person answered from the platform's inbox: the conversation's handover (opened if there is
 * none) is held "via the platform", with no console holder, and the silence clock restarts.
 */
export async function holdFromPlatformInbox(tx: Tx, conversationId: number, now: Date): Promise<void> {
  const open = await tx.handover.findFirst({ where: { conversationId, status: { in: ["open", "claimed"] } }, orderBy: { id: "desc" } });
  if (!open) {
    await tx.handover.create({ data: { conversationId, reason: "platform_inbox", status: "claimed", heldVia: "platform", claimedAt: now, lastHumanAt: now } });
    return;
  }
  if (open.status === "claimed") {
    // Someone holds it already (in the console, or on the platform): she is not silent.
    await tx.handover.update({ where: { id: open.id }, data: { lastHumanAt: now } });
    return;
  }
  await tx.handover.update({ where: { id: open.id }, data: { status: "claimed", heldVia: "platform", claimedAt: now, lastHumanAt: now } });
}
