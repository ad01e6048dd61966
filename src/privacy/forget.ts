// "xóa dữ liệu": delete everything we hold about one person on one channel: their
// messages, queued replies and conversation state. Two things stay, neither saying who:
// - tombstones of their inbound events (channel + event key, no text, no user, kind
//   "erased") until ERASED_KEYS_DAYS, so that a platform redelivery or a replayed signed
//   body is still a duplicate and cannot bring the conversation (or a danger flag) back;
// - their handovers, closed and marked erased, on an emptied conversation row that keeps
//   only its area: the staff member holding it sees that the person asked for erasure.
import type { Tx } from "../db/client.js";
import { conversationKey } from "../core/messages.js";

export const ERASED = "erased";

export async function forgetUser(tx: Tx, channel: string, userId: string, now = new Date()): Promise<void> {
  const key = conversationKey(channel, userId);
  const conv = await tx.conversation.findUnique({ where: { channel_userId: { channel, userId } }, select: { id: true } });
  await tx.inboxEvent.updateMany({
    where: { conversationKey: key },
    // receivedAt/occurredAt become the erase time: not even when they wrote is kept.
    data: { conversationKey: ERASED, kind: ERASED, payload: "{}", status: "skipped", lastError: null, leaseUntil: null, occurredAt: now, receivedAt: now },
  });
  await tx.outboxMessage.deleteMany({ where: { conversationKey: key, status: { notIn: ["sending"] } } });
  // A reply on the wire right now cannot be recalled; its row keeps no words afterwards.
  await tx.outboxMessage.updateMany({ where: { conversationKey: key }, data: { payload: "{}", conversationKey: ERASED } });
  if (!conv) return;
  const handovers = await tx.handover.updateMany({
    where: { conversationId: conv.id },
    data: { erasedAt: now },
  });
  await tx.handover.updateMany({ where: { conversationId: conv.id, status: { in: ["open", "claimed"] } }, data: { status: "closed", closedAt: now } });
  if (handovers.count === 0) {
    await tx.conversation.delete({ where: { id: conv.id } });
    return;
  }
  await tx.conversation.update({
    where: { id: conv.id },
    data: {
      userId: `${ERASED}:${conv.id}`,
      handledBy: "bot",
      flow: null,
      step: null,
      data: "{}",
      language: "vi",
      privacyNoticeAt: null,
      lastInboundAt: null,
      version: { increment: 1 },
    },
  });
}
