// Claims stored inbound events (oldest first per conversation), runs the bot and queues
// its replies in one transaction: a crash before commit leaves the event to be claimed
// again when its lease runs out; a crash after commit has nothing left to do.
import type { Db } from "../db/client.js";
import { errorFields, log } from "../log.js";
import type { StepGate } from "./ack-first.js";
import type { Bot, SafetyNet } from "./bot.js";
import type { ChannelRegistry } from "./channel.js";
import { loadOrCreateConversation, saveConversation } from "./conversation.js";
import { queueOutbound } from "./outbox.js";
import { QueueWorker } from "./queue-worker.js";
import { claimInboxHeads } from "./claim-pg.js";
import type { InboundEvent } from "./messages.js";
import { applyReceipt } from "./receipts.js";

export interface InboxWorkerOptions {
  db: Db;
  bot: Bot;
  channels: ChannelRegistry;
  pollMs: number;
  leaseMs: number;
  concurrency?: number;
  maxAttempts?: number;
  onRepliesQueued?: () => void;
  /** Answers a failed event's cry for help anyway (once per event). */
  safetyNet?: SafetyNet;
  now?: () => Date;
  /** Yields to webhooks being acknowledged (src/core/ack-first.ts). */
  gate?: StepGate;
  /** "postgres": claim with FOR UPDATE SKIP LOCKED, many heads per statement (claim-pg.ts). */
  provider?: "sqlite" | "postgres";
}

const INTERACTIONS = new Set(["text", "postback", "attachment", "location", "follow", "referral", "submit_info"]);

type InboxHead = { id: number; conversationKey: string; status: string; leaseUntil: Date | null };

export class InboxWorker extends QueueWorker<InboxHead> {
  /**
   * The bot failed on this event: if it is a cry for help, the emergency numbers go out
   * now, at the first failure, keyed by the event so later failures add nothing (a retry
   * that then succeeds sends the bot's own answer as well: twice the numbers, never none).
   */
  private async answerAnyway(id: number, event: InboundEvent): Promise<void> {
    if (!this.o.safetyNet) return;
    try {
      const replies = await this.o.safetyNet(event);
      if (replies.length === 0) return;
      const out = await queueOutbound(this.o.db, this.o.channels, replies, { dedupePrefix: `safety:${id}` });
      if ("queued" in out && out.queued > 0) {
        log.warn("emergency answer sent for a failed event", { inboxId: id, parts: out.queued });
        this.o.onRepliesQueued?.();
      }
    } catch (err) {
      log.error("emergency answer for a failed event could not be queued", { inboxId: id, ...errorFields(err) });
    }
  }

  constructor(private readonly o: InboxWorkerOptions) {
    super("inbox", o.pollMs, o.concurrency ?? 4, o.now, o.gate);
  }

  protected unfinished(): Promise<InboxHead[]> {
    return this.o.db.inboxEvent.findMany({
      where: { status: { in: ["pending", "processing"] } },
      orderBy: { id: "asc" },
      take: 500,
      select: { id: true, conversationKey: true, status: true, leaseUntil: true },
    });
  }

  /** A pending row with leaseUntil in the future is resting after a failure ("not before"). */
  protected ready(r: InboxHead, now: Date): boolean {
    return r.status === "processing" || r.leaseUntil === null || r.leaseUntil <= now;
  }

  protected handle(id: number, claimed: boolean): Promise<boolean> {
    return this.processOne(id, claimed);
  }

  protected override claimMany(now: Date, exclude: string[], limit: number) {
    return this.o.provider === "postgres" ? claimInboxHeads(this.o.db, now, this.o.leaseMs, exclude, limit) : null;
  }

  private async processOne(id: number, alreadyClaimed: boolean): Promise<boolean> {
    const { db } = this.o;
    const now = this.now();
    if (!alreadyClaimed) {
      const claimed = await db.inboxEvent.updateMany({
        where: {
          id,
          OR: [{ status: "pending" }, { status: "processing", leaseUntil: { lt: now } }],
        },
        data: { status: "processing", leaseUntil: new Date(now.getTime() + this.o.leaseMs), attempts: { increment: 1 } },
      });
      if (claimed.count !== 1) return false;
    }
    const row = await db.inboxEvent.findUniqueOrThrow({ where: { id } });
    const event = JSON.parse(row.payload) as InboundEvent;
    try {
      let queued = 0;
      await db.$transaction(async (tx) => {
        if (event.kind === "delivery" || event.kind === "read") {
          await applyReceipt(tx, event);
        } else {
          const conversation = await loadOrCreateConversation(tx, event.channel, event.userId, this.o.channels.get(event.channel)?.account.provinceCode ?? null);
          const result = await this.o.bot({ event, conversation, tx, now });
          if (!result.forgotten) {
            const interacted = INTERACTIONS.has(event.kind) ? new Date(event.occurredAt) : undefined;
            await saveConversation(tx, conversation, result.conversation ?? {}, interacted);
          }
          // Keyed by the inbox row: a turn replayed after a crash cannot queue its replies twice.
          const out = await queueOutbound(tx, this.o.channels, result.replies, { dedupePrefix: `in:${row.id}` });
          if ("noChannel" in out) throw new Error(`no channel ${out.noChannel}`);
          if ("queued" in out) queued = out.queued;
        }
        // updateMany: "xóa dữ liệu" may have deleted this very row inside the transaction.
        await tx.inboxEvent.updateMany({
          where: { id },
          data: { status: "done", processedAt: this.now(), leaseUntil: null, lastError: null },
        });
      });
      if (queued > 0) this.o.onRepliesQueued?.();
      return true;
    } catch (err) {
      const attempts = row.attempts;
      const giveUp = attempts >= (this.o.maxAttempts ?? 5);
      log.error("inbox event failed", { inboxId: id, attempts, giveUp, ...errorFields(err) });
      await this.answerAnyway(id, event);
      await db.inboxEvent.updateMany({
        where: { id },
        data: {
          status: giveUp ? "failed" : "pending",
          // pending + leaseUntil in the future = "not before": a short, growing pause.
          leaseUntil: giveUp ? null : new Date(this.now().getTime() + 500 * 2 ** attempts),
          lastError: err instanceof Error ? err.name : "error",
        },
      });
      return false;
    }
  }
}
