// "xóa dữ liệu": delete everything we hold about one person on one channel: their
// stored messages, queued replies, handover requests and conversation state.
import type { Tx } from "../db/client.js";

export async function forgetUser(tx: Tx, channel: string, userId: string): Promise<void> {
  const key = `${channel}:${userId}`;
  const conv = await tx.conversation.findUnique({ where: { channel_userId: { channel, userId } }, select: { id: true } });
  await tx.inboxEvent.deleteMany({ where: { conversationKey: key } });
  await tx.outboxMessage.deleteMany({ where: { conversationKey: key, status: { notIn: ["sending"] } } });
  if (conv) {
    await tx.handover.deleteMany({ where: { conversationId: conv.id } });
    await tx.conversation.delete({ where: { id: conv.id } });
  }
}
