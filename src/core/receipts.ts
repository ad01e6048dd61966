// Delivery and read receipts move outbox rows forward; they never reach the bot.
import type { Tx } from "../db/client.js";
import type { InboundEvent } from "./messages.js";
import { conversationKey } from "./messages.js";

const WATERMARK_SLACK_MS = 10_000;
const RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3 };

export async function applyReceipt(tx: Tx, event: InboundEvent): Promise<number> {
  const target = event.kind === "read" ? "read" : "delivered";
  const at = new Date(event.occurredAt);
  const eligible = Object.keys(RANK).filter((s) => RANK[s]! < RANK[target]!);
  const ids = event.receipt?.messageIds ?? [];
  // The platform stamps a message when it accepts it; we stamp sentAt when its answer
  // arrives, a moment later. The slack keeps the newest message inside its own watermark.
  const watermark = event.receipt?.watermark ? new Date(Number(event.receipt.watermark) + WATERMARK_SLACK_MS) : null;
  const where = {
    channel: event.channel,
    status: { in: eligible },
    ...(ids.length > 0
      ? { platformMessageId: { in: ids } }
      : watermark
        ? { conversationKey: conversationKey(event.channel, event.userId), sentAt: { lte: watermark } }
        : { id: -1 }),
  };
  const data = target === "read" ? { status: "read", readAt: at } : { status: "delivered", deliveredAt: at };
  const res = await tx.outboxMessage.updateMany({ where, data });
  return res.count;
}
