// Store first, acknowledge second: the webhook handler calls storeInbound() and only
// answers 200 once it returns. The unique (channel, eventKey) index makes a platform's
// redelivery a no-op.
import type { Db } from "../db/client.js";
import type { InboundEvent } from "./messages.js";

export interface StoreResult {
  stored: number;
  duplicates: number;
}

export function conversationKey(channel: string, userId: string): string {
  return `${channel}:${userId}`;
}

// A burst of webhooks can queue for a pooled connection (or SQLite's one) longer than
// Prisma's 2 s default; waiting beats answering 500 and being delivered again.
const STORE_TX = { maxWait: 10_000 };

export async function storeInbound(db: Db, events: InboundEvent[]): Promise<StoreResult> {
  // A body may repeat an event (Messenger batches can); keep its first copy.
  const firsts = new Map<string, InboundEvent>();
  for (const e of events) {
    const key = `${e.channel}\u0000${e.eventKey}`;
    if (!firsts.has(key)) firsts.set(key, e);
  }
  const unique = [...firsts.values()];
  if (unique.length === 0) return { stored: 0, duplicates: events.length };
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const existing = await tx.inboxEvent.findMany({
          where: { OR: unique.map((e) => ({ channel: e.channel, eventKey: e.eventKey })) },
          select: { channel: true, eventKey: true },
        });
        const seen = new Set(existing.map((r) => `${r.channel}\u0000${r.eventKey}`));
        const fresh = unique.filter((e) => !seen.has(`${e.channel}\u0000${e.eventKey}`));
        if (fresh.length > 0) {
          await tx.inboxEvent.createMany({
            data: fresh.map((e) => ({
              channel: e.channel,
              eventKey: e.eventKey,
              conversationKey: conversationKey(e.channel, e.userId),
              kind: e.kind,
              payload: JSON.stringify(e),
              occurredAt: sensibleTime(e.occurredAt),
              // Receipts and unknown events never reach the bot; store them as finished
              // work so they cannot hold up a conversation's queue.
              status: e.kind === "unknown" ? "skipped" : "pending",
            })),
          });
        }
        return { stored: fresh.length, duplicates: events.length - fresh.length };
      }, STORE_TX);
    } catch (err) {
      // Another instance stored the same event between our read and our insert.
      if (attempt < 2 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/** A platform time that is not a real date (or beyond what PostgreSQL stores) becomes "now". */
function sensibleTime(iso: string): Date {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || y < 2000 || y > 9999 ? new Date() : d;
}
