// What became of a campaign's recipients: the outbox's outcome copied onto them (sent,
// delivered, seen from receipts, failed with the platform's code), the next round started
// when one is done, cancel, and the counts the console and the report show.
import { platformOf, type ChannelRegistry } from "../core/channel.js";
import type { Db } from "../db/client.js";
import { campaignKey, type CampaignRecord } from "./run.js";

/** Recipients still to be decided or sent. */
export const OPEN = ["eligible", "deferred", "queued"];
const SYNC_BATCH = 2000;
const DAY = 86_400_000;

/** Copies the outbox's outcome onto queued recipients; then the next round, or done when none is open. */
export async function syncStep(db: Db, c: CampaignRecord, now = new Date()): Promise<{ open: boolean }> {
  const queued = await db.broadcastRecipient.findMany({ where: { campaignId: c.id, round: c.round, status: "queued" }, orderBy: { id: "asc" }, take: SYNC_BATCH, select: { id: true, channel: true, userId: true } });
  if (queued.length > 0) {
    const keyOf = (r: (typeof queued)[number]) => `${campaignKey(c.id, c.round, r.channel, r.userId)}:0`;
    const rows = await db.outboxMessage.findMany({ where: { dedupeKey: { in: queued.map(keyOf) } }, select: { dedupeKey: true, status: true, lastError: true, deliveredAt: true, readAt: true, errorClass: true } });
    const byKey = new Map(rows.map((x) => [x.dedupeKey, x]));
    // Grouped by outcome: a few updates per tick, not one per person.
    const groups = new Map<string, { data: { status: string; platformCode: string | null; reason?: string }; ids: number[] }>();
    for (const r of queued) {
      const out = byKey.get(keyOf(r));
      if (!out) continue;
      const code = out.lastError?.split(":")[0] ?? null;
      const status =
        out.status === "sent" ? (out.readAt ? "seen" : out.deliveredAt ? "delivered" : "sent")
        : out.status === "failed" ? (out.errorClass?.endsWith("_exhausted") ? "failed_retryable" : "failed_permanent")
        : out.status === "skipped" ? "skipped" : null;
      if (!status) continue;
      const data = { status, platformCode: status.startsWith("failed") ? code : null, ...(status === "skipped" ? { reason: out.lastError ?? "cancelled" } : {}) };
      const k = JSON.stringify(data);
      const g = groups.get(k) ?? { data, ids: [] };
      g.ids.push(r.id);
      groups.set(k, g);
    }
    for (const g of groups.values()) await db.broadcastRecipient.updateMany({ where: { id: { in: g.ids }, status: "queued" }, data: g.data });
  }
  // Whether anyone is still open (not how many: a count would read a million index entries a tick).
  const open = queued.length > 0 || (await db.broadcastRecipient.findFirst({ where: { campaignId: c.id, status: { in: OPEN } }, select: { id: true } })) !== null;
  if (!open && c.expandedAt && c.status === "running") {
    if (c.round + 1 < c.rounds) {
      // The next round: the same approved set, decided afresh, at its own start time.
      const at = new Date(c.startAt.getTime() + (c.round + 1) * c.repeatDays * DAY);
      await db.campaign.updateMany({ where: { id: c.id, status: "running", round: c.round }, data: { round: c.round + 1, roundStartAt: at > now ? at : now, expandCursor: 0, expandedAt: null } });
    } else {
      await db.campaign.updateMany({ where: { id: c.id, status: "running" }, data: { status: "done", finishedAt: new Date() } });
    }
  }
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
  round: number;
  platform: string;
  status: string;
  reason: string | null;
  count: number;
}

/** The completion report: recipients per round, platform, status and reason (what the page and the export both show). */
export async function campaignReport(db: Db, id: number): Promise<ReportRow[]> {
  const groups = await db.broadcastRecipient.groupBy({ by: ["round", "channel", "status", "reason"], where: { campaignId: id }, _count: { _all: true } });
  const merged = new Map<string, ReportRow>();
  for (const g of groups) {
    const platform = platformOf(g.channel);
    const key = `${g.round}|${platform}|${g.status}|${g.reason ?? ""}`;
    const row = merged.get(key) ?? { round: g.round, platform, status: g.status, reason: g.reason, count: 0 };
    row.count += g._count._all;
    merged.set(key, row);
  }
  return [...merged.values()].sort((a, b) => a.round - b.round || a.platform.localeCompare(b.platform) || a.status.localeCompare(b.status) || (a.reason ?? "").localeCompare(b.reason ?? ""));
}
