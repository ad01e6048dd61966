// Running a campaign, one tick at a time (src/jobs/campaign-dispatch.ts, every second):
// 1. expand the audience into BroadcastRecipient rows, a batch per tick, the cursor moved in
//    the same transaction as the rows (a crash repeats nothing and skips nothing); only the
//    approved set (conversations up to the cutoff of the preview) is ever expanded;
// 2. take the next recipients within each channel's rate, decide each again now (a window
//    may have closed, she may have written DỪNG), and queue the messages through the one
//    outbox, keyed by campaign, round and person, so nobody gets the same round twice;
// 3. (progress.ts) copy what the outbox did onto the recipients; start the next round.
import type { ChannelRegistry } from "../core/channel.js";
import { pausedChannels } from "../core/channel-state.js";
import { conversationKey, type OutboundMessage } from "../core/messages.js";
import { queueOutbound, queueOutboundMany } from "../core/outbox.js";
import type { Db, Prisma, Tx } from "../db/client.js";
import { audienceBatches, campaignSendsRecent, type Audience } from "./audience.js";
import { decide, DEFAULT_RULES, type SendRules } from "./eligibility.js";
import { parseContent, renderCampaign } from "./messages.js";
import type { SendBudget } from "./rate.js";

export type CampaignRecord = NonNullable<Awaited<ReturnType<Db["campaign"]["findUnique"]>>>;

export { STOP_LINE } from "./messages.js";

const EXPAND_BATCH = 1000;
/** A channel gets no more recipients while this many ticks' worth still wait in the outbox: a pause then stops sends within about a second. */
const OUTBOX_AHEAD_TICKS = 2;

export interface TickOptions {
  db: Db;
  channels: ChannelRegistry;
  /** Campaign messages per second each channel may take (its platform's limit minus a margin). */
  ratePerSec: (channel: string) => number;
  tickMs: number;
  now: Date;
  /** The channels' token buckets, kept across ticks (in the database: shared by every instance). */
  buckets: SendBudget;
}

export function rulesOf(c: Pick<CampaignRecord, "quietFrom" | "quietTo" | "perDay" | "perWeek" | "paidAllowed" | "approvedBy">): SendRules {
  // Paid sends only when staff asked for them on this campaign and a second person approved it.
  return { ...DEFAULT_RULES, quietFrom: c.quietFrom, quietTo: c.quietTo, perDay: c.perDay, perWeek: c.perWeek, paidApproved: c.paidAllowed && c.approvedBy !== null };
}

/** The outbox dedupe prefix of one person's messages in one round (round 0 keeps the first form). */
export function campaignKey(id: number, round: number, channel: string, userId: string): string {
  return round === 0 ? `campaign:${id}:${channel}:${userId}` : `campaign:${id}:${channel}:${userId}:r${round}`;
}

/** The campaign's messages for one person, in her language, the last with its buttons. */
export function campaignMessages(c: Pick<CampaignRecord, "messages">, channel: string, recipientId: string, language: string): OutboundMessage[] {
  const { texts, choices } = renderCampaign(parseContent(c.messages), language);
  return texts.map((text, i) => ({ channel, recipientId, text, purpose: "broadcast" as const, ...(i === texts.length - 1 && choices.length > 0 ? { choices } : {}) }));
}

/** One batch of the audience into this round's recipient rows; true when the audience is all written. */
export async function expandStep(db: Db, c: CampaignRecord, channels: ChannelRegistry, batch = EXPAND_BATCH): Promise<boolean> {
  if (c.expandedAt) return true;
  const audience = JSON.parse(c.audience) as Audience;
  const next = await audienceBatches(db, audience, channels, batch, c.expandCursor, c.audienceCutoff).next();
  if (next.done) {
    await db.campaign.updateMany({ where: { id: c.id, round: c.round, expandedAt: null }, data: { expandedAt: new Date() } });
    return true;
  }
  const { rows, lastId } = next.value;
  await db.$transaction(async (tx) => {
    // Only this transaction moves the cursor past these rows: written once or not at all.
    const moved = await tx.campaign.updateMany({ where: { id: c.id, round: c.round, expandCursor: c.expandCursor }, data: { expandCursor: lastId } });
    if (moved.count === 0) return; // another instance took this batch
    if (rows.length > 0) await tx.broadcastRecipient.createMany({ data: rows.map((r) => ({ campaignId: c.id, round: c.round, channel: r.channel, userId: r.userId })) });
  });
  return false;
}

/**
 * Batches of the audience for up to `budgetMs` (a tick's share: a million people expand in
 * minutes, not in a thousand ticks), each batch its own transaction as above.
 */
export async function expandFor(db: Db, c: CampaignRecord, channels: ChannelRegistry, budgetMs = 250, batch = EXPAND_BATCH): Promise<boolean> {
  const until = Date.now() + budgetMs;
  let current = c;
  for (;;) {
    if (await expandStep(db, current, channels, batch)) return true;
    if (Date.now() >= until) return false;
    current = await db.campaign.findUniqueOrThrow({ where: { id: c.id } });
    if (current.status !== "running") return false;
  }
}

type Decided = { id: number; data: Prisma.BroadcastRecipientUpdateManyMutationInput };

/** Decide and queue the next recipients of a running campaign, within each channel's rate. */
export async function dispatchStep(o: TickOptions, c: CampaignRecord): Promise<{ queued: number; skipped: number; deferred: number }> {
  const { db, channels, now } = o;
  const paused = await pausedChannels(db, now);
  const rules = rulesOf(c);
  const perPerson = Math.max(1, parseContent(c.messages).messages.length);
  let queued = 0;
  let skipped = 0;
  let deferred = 0;
  const open = { campaignId: c.id, round: c.round };
  // People a poster / link / keyword of this campaign brought since this round began (for the
  // first round: since the campaign was made) already got its message as a reply: not sent
  // again (duplicate_in_campaign).
  const codes = (await db.referralCode.findMany({ where: { campaignId: c.id }, select: { code: true } })).map((x) => x.code);
  const roundFrom = c.round === 0 ? c.createdAt : (c.roundStartAt ?? c.startAt);
  // The channels the audience can be on (no scan of a million rows per tick to find them).
  const platforms = (JSON.parse(c.audience) as Audience).platforms;
  const channelIds = [...channels.values()].filter((ch) => platforms.length === 0 || platforms.includes(ch.platform)).map((ch) => ch.id);
  for (const channelId of channelIds) {
    const channel = channels.get(channelId);
    if (!channel || paused.has(channelId)) continue; // held: the whole account waits
    // The budget counts platform calls: a person with two messages costs two.
    const rate = o.ratePerSec(channelId);
    const waiting = await db.broadcastRecipient.count({ where: { ...open, channel: channelId, status: "queued" } });
    if (waiting * perPerson >= ((rate * o.tickMs) / 1000) * OUTBOX_AHEAD_TICKS) continue; // the outbox is behind: do not pile up
    // Reserved up front (another instance may be dispatching on this account too); the rest goes back below.
    const reserved = await o.buckets.reserve(channelId, rate, Math.ceil(rate * 1.5), now);
    const budget = Math.floor(reserved / perPerson);
    if (budget < 1) {
      await o.buckets.giveBack(channelId, reserved);
      continue;
    }
    // Two index walks on (campaignId, status, id), not one OR (which would sort the whole run each tick).
    const select = { id: true, channel: true, userId: true } as const;
    const batch = await db.broadcastRecipient.findMany({ where: { ...open, channel: channelId, status: "eligible" }, orderBy: { id: "asc" }, take: budget, select });
    if (batch.length < budget) {
      batch.push(...(await db.broadcastRecipient.findMany({ where: { ...open, channel: channelId, status: "deferred", notBefore: { lte: now } }, orderBy: { id: "asc" }, take: budget - batch.length, select })));
    }
    if (batch.length === 0) {
      await o.buckets.giveBack(channelId, reserved);
      continue;
    }
    const convs = await db.conversation.findMany({ where: { channel: channelId, userId: { in: batch.map((r) => r.userId) } }, select: { userId: true, language: true, optedOutAt: true, unreachableAt: true, lastInboundAt: true, referralCode: true, referredAt: true } });
    const byUser = new Map(convs.map((x) => [x.userId, x]));
    const recent = await campaignSendsRecent(db, batch, now);
    const sends: { id: number; messages: OutboundMessage[]; prefix: string }[] = [];
    const decided: Decided[] = [];
    for (const r of batch) {
      const conv = byUser.get(r.userId);
      const counts = recent.get(conversationKey(r.channel, r.userId)) ?? { sentToday: 0, sentWeek: 0 };
      const arrived = conv?.referralCode != null && codes.includes(conv.referralCode) && conv.referredAt !== null && conv.referredAt >= roundFrom;
      const state = conv ? { ...conv, ...counts, alreadyInCampaign: arrived } : { optedOutAt: null, unreachableAt: now, lastInboundAt: null, ...counts };
      const e = decide(state, channel, false, now, rules);
      if (e.decision === "send_now" || (e.decision === "needs_approval" && rules.paidApproved)) {
        sends.push({ id: r.id, messages: campaignMessages(c, channelId, r.userId, conv?.language ?? "vi"), prefix: campaignKey(c.id, c.round, r.channel, r.userId) });
      } else if (e.decision === "deferred") {
        decided.push({ id: r.id, data: { status: "deferred", reason: e.reason, notBefore: e.notBefore } });
        deferred++;
      } else if (e.decision === "needs_approval") {
        decided.push({ id: r.id, data: { status: "needs_approval", reason: e.kind } });
        skipped++;
      } else if (e.decision === "skipped") {
        decided.push({ id: r.id, data: { status: "skipped", reason: e.reason } });
        skipped++;
      }
    }
    await writeTick(db, channels, sends, decided);
    await o.buckets.giveBack(channelId, reserved - sends.length * perPerson);
    queued += sends.length;
  }
  return { queued, skipped, deferred };
}

class Duplicate extends Error {}

/**
 * One transaction for the whole tick of a channel: the outbox rows in one statement, then the
 * statuses grouped into a few updates. If a key was already queued (another instance, or a
 * crash between two steps of an older build) the batch rolls back and each person is queued
 * alone, where a duplicate simply means "already queued".
 */
async function writeTick(db: Db, channels: ChannelRegistry, sends: { id: number; messages: OutboundMessage[]; prefix: string }[], decided: Decided[]): Promise<void> {
  const groups = new Map<string, Decided[]>();
  for (const d of decided) {
    const k = JSON.stringify(d.data);
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const writeDecided = async (tx: Db | Tx) => {
    for (const g of groups.values()) await tx.broadcastRecipient.updateMany({ where: { id: { in: g.map((d) => d.id) } }, data: g[0]!.data });
  };
  const queuedData = { status: "queued", reason: null, notBefore: null };
  try {
    await db.$transaction(async (tx) => {
      if (sends.length > 0) {
        const out = await queueOutboundMany(tx, channels, sends.map((s) => ({ messages: s.messages, opts: { dedupePrefix: s.prefix } })));
        if ("duplicate" in out) throw new Duplicate();
        await tx.broadcastRecipient.updateMany({ where: { id: { in: sends.map((s) => s.id) } }, data: queuedData });
      }
      await writeDecided(tx);
    });
  } catch (err) {
    if (!(err instanceof Duplicate)) throw err;
    for (const s of sends) {
      await queueOutbound(db, channels, s.messages, { dedupePrefix: s.prefix }); // a duplicate: it was queued before
      await db.broadcastRecipient.update({ where: { id: s.id }, data: queuedData });
    }
    await writeDecided(db);
  }
}
