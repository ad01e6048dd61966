// Running a campaign, one tick at a time (src/jobs/campaign-dispatch.ts, every second):
// 1. expand the audience into BroadcastRecipient rows, a batch per tick, the cursor moved in
//    the same transaction as the rows (a crash repeats nothing and skips nothing);
// 2. take the next recipients within each channel's rate, decide each again now (a window
//    may have closed, she may have written DỪNG), and queue the message through the one
//    outbox, keyed by campaign and person, so nobody gets it twice;
// 3. copy what the outbox did (sent, failed with the platform's code) onto the recipients.
import { platformOf, type ChannelRegistry } from "../core/channel.js";
import { pausedChannels } from "../core/channel-state.js";
import { conversationKey } from "../core/messages.js";
import { queueOutbound } from "../core/outbox.js";
import type { Db } from "../db/client.js";
import { audienceBatches, campaignSendsToday, type Audience } from "./audience.js";
import { decide, DEFAULT_RULES, type SendRules } from "./eligibility.js";

export type CampaignRecord = NonNullable<Awaited<ReturnType<Db["campaign"]["findUnique"]>>>;

/** Every campaign message ends with how to stop them (broadcast-policy.md §3). */
export const STOP_LINE = "Nhắn DỪNG để không nhận tin nữa.";

const EXPAND_BATCH = 1000;
/** Recipients still to be decided or sent. */
const OPEN = ["eligible", "deferred", "queued"];

export interface TickOptions {
  db: Db;
  channels: ChannelRegistry;
  /** Campaign messages per second each channel may take (its platform's limit minus a margin). */
  ratePerSec: (channel: string) => number;
  tickMs: number;
  now: Date;
}

export function rulesOf(c: Pick<CampaignRecord, "quietFrom" | "quietTo" | "perDay">): SendRules {
  return { ...DEFAULT_RULES, quietFrom: c.quietFrom, quietTo: c.quietTo, perDay: c.perDay };
}

export function campaignText(c: Pick<CampaignRecord, "messages">, language: string): string {
  const messages = JSON.parse(c.messages) as Record<string, string>[];
  const m = messages[0] ?? { vi: "" };
  return `${m[language] ?? m.vi}\n\n${STOP_LINE}`;
}

/** One batch of the audience into recipient rows; true when the audience is all written. */
export async function expandStep(db: Db, c: CampaignRecord, channels: ChannelRegistry, batch = EXPAND_BATCH): Promise<boolean> {
  if (c.expandedAt) return true;
  const audience = JSON.parse(c.audience) as Audience;
  const next = await audienceBatches(db, audience, channels, batch, c.expandCursor).next();
  if (next.done) {
    await db.campaign.update({ where: { id: c.id }, data: { expandedAt: new Date() } });
    return true;
  }
  const { rows, lastId } = next.value;
  await db.$transaction(async (tx) => {
    // Only this transaction moves the cursor past these rows: written once or not at all.
    const moved = await tx.campaign.updateMany({ where: { id: c.id, expandCursor: c.expandCursor }, data: { expandCursor: lastId } });
    if (moved.count === 0) return; // another instance took this batch
    if (rows.length > 0) await tx.broadcastRecipient.createMany({ data: rows.map((r) => ({ campaignId: c.id, channel: r.channel, userId: r.userId })) });
  });
  return false;
}

/** Decide and queue the next recipients of a running campaign, within each channel's rate. */
export async function dispatchStep(o: TickOptions, c: CampaignRecord): Promise<{ queued: number; skipped: number; deferred: number }> {
  const { db, channels, now } = o;
  const paused = await pausedChannels(db, now);
  const rules = rulesOf(c);
  let queued = 0;
  let skipped = 0;
  let deferred = 0;
  const channelIds = (await db.broadcastRecipient.groupBy({ by: ["channel"], where: { campaignId: c.id, status: { in: ["eligible", "deferred"] } } })).map((g) => g.channel);
  for (const channelId of channelIds) {
    const channel = channels.get(channelId);
    if (!channel || paused.has(channelId)) continue; // held: the whole account waits
    const budget = Math.max(1, Math.floor((o.ratePerSec(channelId) * o.tickMs) / 1000));
    const batch = await db.broadcastRecipient.findMany({
      where: { campaignId: c.id, channel: channelId, OR: [{ status: "eligible" }, { status: "deferred", notBefore: { lte: now } }] },
      orderBy: { id: "asc" },
      take: budget,
    });
    if (batch.length === 0) continue;
    const convs = await db.conversation.findMany({ where: { channel: channelId, userId: { in: batch.map((r) => r.userId) } }, select: { userId: true, language: true, optedOutAt: true, unreachableAt: true, lastInboundAt: true } });
    const byUser = new Map(convs.map((x) => [x.userId, x]));
    const today = await campaignSendsToday(db, batch, now);
    for (const r of batch) {
      const conv = byUser.get(r.userId);
      const state = conv ? { ...conv, sentToday: today.get(conversationKey(r.channel, r.userId)) ?? 0 } : { optedOutAt: null, unreachableAt: now, lastInboundAt: null, sentToday: 0 };
      const e = decide(state, channel, false, now, rules);
      if (e.decision === "send_now" || (e.decision === "needs_approval" && rules.paidApproved)) {
        const message = { channel: channelId, recipientId: r.userId, text: campaignText(c, conv?.language ?? "vi"), purpose: "broadcast" as const };
        await db.$transaction(async (tx) => {
          await queueOutbound(tx, channels, [message], { dedupePrefix: `campaign:${c.id}:${r.channel}:${r.userId}` });
          await tx.broadcastRecipient.update({ where: { id: r.id }, data: { status: "queued", reason: null, notBefore: null } });
        });
        queued++;
      } else if (e.decision === "deferred") {
        await db.broadcastRecipient.update({ where: { id: r.id }, data: { status: "deferred", reason: e.reason, notBefore: e.notBefore } });
        deferred++;
      } else if (e.decision === "needs_approval") {
        await db.broadcastRecipient.update({ where: { id: r.id }, data: { status: "needs_approval", reason: e.kind } });
        skipped++;
      } else if (e.decision === "skipped") {
        await db.broadcastRecipient.update({ where: { id: r.id }, data: { status: "skipped", reason: e.reason } });
        skipped++;
      }
    }
  }
  return { queued, skipped, deferred };
}

/** Copies the outbox's outcome onto queued recipients; the campaign is done when none is open. */
export async function syncStep(db: Db, c: CampaignRecord): Promise<{ open: number }> {
  const queued = await db.broadcastRecipient.findMany({ where: { campaignId: c.id, status: "queued" }, take: 2000, select: { id: true, channel: true, userId: true } });
  if (queued.length > 0) {
    const keys = queued.map((r) => `campaign:${c.id}:${r.channel}:${r.userId}:0`);
    const rows = await db.outboxMessage.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true, status: true, lastError: true, deliveredAt: true, readAt: true, errorClass: true } });
    const byKey = new Map(rows.map((x) => [x.dedupeKey, x]));
    for (const r of queued) {
      const out = byKey.get(`campaign:${c.id}:${r.channel}:${r.userId}:0`);
      if (!out) continue;
      const code = out.lastError?.split(":")[0] ?? null;
      const status =
        out.status === "sent" ? (out.readAt ? "seen" : out.deliveredAt ? "delivered" : "sent")
        : out.status === "failed" ? (out.errorClass?.endsWith("_exhausted") ? "failed_retryable" : "failed_permanent")
        : out.status === "skipped" ? "skipped" : null;
      if (status) await db.broadcastRecipient.update({ where: { id: r.id }, data: { status, platformCode: status.startsWith("failed") ? code : null, ...(status === "skipped" ? { reason: out.lastError ?? "cancelled" } : {}) } });
    }
  }
  const open = await db.broadcastRecipient.count({ where: { campaignId: c.id, status: { in: OPEN } } });
  if (open === 0 && c.expandedAt && c.status === "running") await db.campaign.updateMany({ where: { id: c.id, status: "running" }, data: { status: "done", finishedAt: new Date() } });
  return { open };
}

/** Cancel: nothing more is sent; what was waiting (here or in the outbox) is marked cancelled. */
export async function cancelCampaign(db: Db, id: number): Promise<void> {
  await db.campaign.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date() } });
  await db.broadcastRecipient.updateMany({ where: { campaignId: id, status: { in: ["eligible", "deferred", "needs_approval"] } }, data: { status: "cancelled" } });
  await db.outboxMessage.updateMany({ where: { dedupeKey: { startsWith: `campaign:${id}:` }, status: "queued" }, data: { status: "skipped", errorClass: "policy", lastError: "cancelled" } });
}

/** Recipient counts by status (and reason for skipped), for the console and the report. */
export async function progressOf(db: Db, id: number): Promise<{ byStatus: Record<string, number>; skipped: Record<string, number>; total: number }> {
  const groups = await db.broadcastRecipient.groupBy({ by: ["status", "reason"], where: { campaignId: id }, _count: { _all: true } });
  const byStatus: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  for (const g of groups) {
    byStatus[g.status] = (byStatus[g.status] ?? 0) + g._count._all;
    if (g.status === "skipped" && g.reason) skipped[g.reason] = (skipped[g.reason] ?? 0) + g._count._all;
  }
  return { byStatus, skipped, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
}

/** The channel's own campaign rate (its platform's limit minus a margin), else a cautious 10/s. */
export function defaultRatePerSec(channelId: string, channels: ChannelRegistry): number {
  return channels.get(channelId)?.campaignRatePerSec ?? 10;
}

export interface ReportRow {
  platform: string;
  status: string;
  reason: string | null;
  count: number;
}

/** The completion report: recipients per platform, status and reason (what the page and the export both show). */
export async function campaignReport(db: Db, id: number): Promise<ReportRow[]> {
  const groups = await db.broadcastRecipient.groupBy({ by: ["channel", "status", "reason"], where: { campaignId: id }, _count: { _all: true } });
  const merged = new Map<string, ReportRow>();
  for (const g of groups) {
    const platform = platformOf(g.channel);
    const key = `${platform}|${g.status}|${g.reason ?? ""}`;
    const row = merged.get(key) ?? { platform, status: g.status, reason: g.reason, count: 0 };
    row.count += g._count._all;
    merged.set(key, row);
  }
  return [...merged.values()].sort((a, b) => a.platform.localeCompare(b.platform) || a.status.localeCompare(b.status) || (a.reason ?? "").localeCompare(b.reason ?? ""));
}
