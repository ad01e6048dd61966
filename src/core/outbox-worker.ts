// Sends queued outbox rows: oldest first per conversation, one HTTP call per row,
// bounded and classified retries, and a channel-wide pause on auth failure.
import type { Db, Tx } from "../db/client.js";
import { errorFields, log } from "../log.js";
import type { StepGate } from "./ack-first.js";
import { MAX_PLATFORM_WAIT_MS, RATE_LIMIT_POLICY, RETRY_POLICY, retryDelayMs } from "./backoff.js";
import type { AuthRecovery, ChannelRegistry, SendResult } from "./channel.js";
import { pauseChannel, pausedChannels } from "./channel-state.js";
import { QueueWorker } from "./queue-worker.js";
import { claimOutboxHeads } from "./claim-pg.js";

export interface OutboxWorkerOptions {
  db: Db;
  channels: ChannelRegistry;
  pollMs: number;
  leaseMs: number;
  maxAttempts: number;
  concurrency?: number;
  authPauseMs?: number;
  now?: () => Date;
  random?: () => number;
  /** Yields to webhooks being acknowledged (src/core/ack-first.ts). */
  gate?: StepGate;
  /** A message went out on this channel (account health in the console). */
  onSent?: (channel: string) => void;
  /** "postgres": claim with FOR UPDATE SKIP LOCKED, many heads per statement (claim-pg.ts). */
  provider?: "sqlite" | "postgres";
}

const UNFINISHED = ["queued", "retry", "sending"];
/** The longest platform rate-limit wait that pauses a whole channel (longer ones wait row by row). */
const CHANNEL_SLOWDOWN_MAX_MS = 5 * 60_000;

type OutboxHead = { id: number; conversationKey: string; status: string; leaseUntil: Date | null; nextAttemptAt: Date };

export class OutboxWorker extends QueueWorker<OutboxHead> {
  /**
   * Channels this process paused (rate limit, dead token) until when: a tick's remaining heads
   * must not go out after the platform said stop. Other processes learn it from ChannelState
   * at their next read; the pause itself is always written there.
   */
  private readonly heldUntil = new Map<string, number>();

  constructor(private readonly o: OutboxWorkerOptions) {
    super("outbox", o.pollMs, o.concurrency ?? 8, o.now, o.gate);
  }

  /** The database says which channels are paused: a pause staff lifted there is lifted here too. */
  private async paused(now: Date): Promise<Set<string>> {
    const paused = await pausedChannels(this.o.db, now);
    for (const channel of this.heldUntil.keys()) if (!paused.has(channel)) this.heldUntil.delete(channel);
    return paused;
  }

  protected async unfinished(now: Date): Promise<OutboxHead[]> {
    const paused = await this.paused(now);
    return this.o.db.outboxMessage.findMany({
      where: { status: { in: UNFINISHED }, channel: { notIn: [...paused] } },
      // Replies and notices before campaign messages: a person who just wrote never waits behind a broadcast.
      orderBy: [{ priority: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, conversationKey: true, status: true, leaseUntil: true, nextAttemptAt: true },
    });
  }

  protected ready(r: OutboxHead, now: Date): boolean {
    return r.status === "sending" || r.nextAttemptAt <= now;
  }

  protected handle(id: number, claimed: boolean): Promise<boolean> {
    return this.sendOne(id, claimed);
  }

  protected override claimMany(now: Date, exclude: string[], limit: number) {
    if (this.o.provider !== "postgres") return null;
    return this.paused(now).then((paused) => claimOutboxHeads(this.o.db, now, this.o.leaseMs, exclude, [...paused], limit));
  }

  private held(channel: string, now: Date): number | null {
    const until = this.heldUntil.get(channel);
    if (until === undefined) return null;
    if (until <= now.getTime()) {
      this.heldUntil.delete(channel);
      return null;
    }
    return until;
  }

  private async pause(db: Db | Tx, channel: string, until: Date, reason: string): Promise<void> {
    this.heldUntil.set(channel, Math.max(until.getTime(), this.heldUntil.get(channel) ?? 0));
    await pauseChannel(db, channel, until, reason);
  }

  private async sendOne(id: number, alreadyClaimed: boolean): Promise<boolean> {
    const { db } = this.o;
    const now = this.now();
    if (this.heldUntil.size > 0) {
      const head = await db.outboxMessage.findUnique({ where: { id }, select: { channel: true } });
      const until = head ? this.held(head.channel, now) : null;
      if (until !== null) {
        // Paused since this tick began: leave the row for after the pause (a claim is handed back).
        if (alreadyClaimed) await db.outboxMessage.updateMany({ where: { id, status: "sending" }, data: { status: "retry", nextAttemptAt: new Date(until), leaseUntil: null, attempts: { decrement: 1 } } });
        return false;
      }
    }
    // Claim and read in one statement (a send is CPU-bound on query planning: one query fewer per message).
    const [row] = alreadyClaimed ? [await db.outboxMessage.findUnique({ where: { id } })] : await db.outboxMessage.updateManyAndReturn({
      where: {
        id,
        OR: [
          { status: { in: ["queued", "retry"] }, nextAttemptAt: { lte: now } },
          { status: "sending", leaseUntil: { lt: now } },
        ],
      },
      data: { status: "sending", leaseUntil: new Date(now.getTime() + this.o.leaseMs), attempts: { increment: 1 } },
    });
    if (!row) return false;
    const channel = this.o.channels.get(row.channel);
    let result: SendResult;
    if (!channel) {
      result = { ok: false, errorClass: "permanent", code: "no_channel", detail: `channel ${row.channel} is not configured` };
    } else {
      try {
        result = await channel.send({ recipientId: row.recipientId, body: JSON.parse(row.payload) });
      } catch (err) {
        log.error("send threw", { outboxId: id, ...errorFields(err) });
        result = { ok: false, errorClass: "retryable", code: "exception", detail: "sender threw" };
      }
      if (!result.ok && result.errorClass === "auth" && channel.recoverAuth) {
        // The channel refreshes once for a whole burst of failures (single-flight) and
        // says whether a retry can succeed; only then is the row retried at once.
        const recovery = await channel.recoverAuth().catch((err): AuthRecovery => {
          log.error("credential refresh threw", { channel: row.channel, ...errorFields(err) });
          return { outcome: "unavailable", retryAfterMs: 5_000 };
        });
        if (recovery.outcome === "renewed") {
          await db.outboxMessage.update({
            where: { id },
            data: { status: "retry", nextAttemptAt: this.now(), leaseUntil: null, attempts: { decrement: 1 }, errorClass: "auth", lastError: result.code },
          });
          this.nudge();
          return false;
        }
        if (recovery.outcome === "unavailable") {
          // A passing outage of the credential service is not a revoked authorisation:
          // retry this row in seconds (bounded like any retry) and pause nothing.
          result = { ok: false, errorClass: "retryable", code: "auth_service_unavailable", detail: `after ${result.code}`, retryAfterMs: recovery.retryAfterMs };
        }
      }
    }
    await this.record(row.id, row.channel, row.attempts, result);
    return result.ok;
  }

  private async record(id: number, channel: string, attempts: number, result: SendResult): Promise<void> {
    const { db } = this.o;
    const now = this.now();
    if (result.ok) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: "sent", sentAt: now, leaseUntil: null, platformMessageId: result.platformMessageId ?? null, errorClass: null, lastError: null },
      });
      this.o.onSent?.(channel);
      return;
    }
    const reason = `${result.code}: ${result.detail}`.slice(0, 300);
    const fields = { outboxId: id, channel, attempts, errorClass: result.errorClass, code: result.code };
    if (result.errorClass === "auth") {
      // Do not burn this row's attempts against a dead token: hold it and pause the channel.
      const until = new Date(now.getTime() + (this.o.authPauseMs ?? 10 * 60_000));
      // One transaction: whoever sees the pause also sees the row held by it.
      await db.$transaction(async (tx) => {
        await tx.outboxMessage.update({
          where: { id },
          data: { status: "retry", nextAttemptAt: until, leaseUntil: null, attempts: { decrement: 1 }, errorClass: "auth", lastError: reason },
        });
        await this.pause(tx, channel, until, reason);
      });
      log.error("channel paused after auth failure: staff must renew the token", fields);
      return;
    }
    const retriable = result.errorClass === "retryable" || result.errorClass === "rate_limited";
    if (retriable && attempts < this.o.maxAttempts) {
      const policy = result.errorClass === "rate_limited" ? RATE_LIMIT_POLICY : RETRY_POLICY;
      // A rate limit with the platform's own wait is the account's, not this row's history: wait
      // what it says, not an exponential backoff grown by the row's earlier 5xx (found by the
      // fault suite). The account's pause below spreads nothing: it holds every row alike.
      const platformWait = result.errorClass === "rate_limited" && result.retryAfterMs !== undefined;
      const delay = platformWait ? Math.min(result.retryAfterMs!, MAX_PLATFORM_WAIT_MS) : retryDelayMs(attempts, policy, result.retryAfterMs, this.o.random);
      // A rate limit is the account's, not this row's (Zalo -32, Meta 4/613): the whole channel
      // waits it out, campaign and replies alike, so the next rows do not hit it too. Only short
      // waits: a quota that resets in hours must not silence answers to people who write now.
      if (result.errorClass === "rate_limited" && delay <= CHANNEL_SLOWDOWN_MAX_MS) {
        await this.pause(db, channel, new Date(now.getTime() + delay), `rate_limited: ${result.code}`);
      }
      await db.outboxMessage.update({
        where: { id },
        data: { status: "retry", nextAttemptAt: new Date(now.getTime() + delay), leaseUntil: null, errorClass: result.errorClass, lastError: reason },
      });
      log.warn("send will be retried", { ...fields, delayMs: delay });
      return;
    }
    await db.outboxMessage.update({
      where: { id },
      data: { status: "failed", leaseUntil: null, errorClass: retriable ? `${result.errorClass}_exhausted` : result.errorClass, lastError: reason },
    });
    log.warn("send failed", fields);
    // The platform says this person cannot be reached here (blocked, unfollowed): campaigns skip her from now on.
    const unreachable = this.o.channels.get(channel)?.unreachableCodes;
    if (unreachable?.includes(result.code.split("/")[0]!)) {
      const row = await db.outboxMessage.findUnique({ where: { id }, select: { recipientId: true } });
      if (row) await db.conversation.updateMany({ where: { channel, userId: row.recipientId }, data: { unreachableAt: now, unreachableReason: `platform ${result.code}` } });
    }
  }
}
