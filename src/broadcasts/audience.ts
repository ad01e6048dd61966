// Who a campaign is for, and what the platforms allow for each of them now: the audience is
// read in batches of conversations (never the whole audience in memory), each person decided
// by eligibility.ts, and only counts leave this module (ids masked in the sample).
import { platformOf, type ChannelRegistry } from "../core/channel.js";
import { pausedChannels } from "../core/channel-state.js";
import { conversationKey } from "../core/messages.js";
import type { Db, Prisma } from "../db/client.js";
import { decide, type Eligibility, type SendRules } from "./eligibility.js";

export type AudienceWho = "all" | "villagers" | "team_leaders";

export interface Audience {
  /** Platforms ("zalo", "messenger"); empty = every platform this server runs. */
  platforms: string[];
  provinceCode: string | null;
  communeCode: string | null;
  who: AudienceWho;
  /** Only people who asked for campaign news. */
  subscribedOnly: boolean;
  /** Conversation languages; empty = any. */
  languages: string[];
  /** Only people who came through this poster / link / keyword code. */
  referralCode?: string | null;
}

export interface PlatformTotals {
  total: number;
  sendNow: number;
  /** Of those: their window closes within 6 hours. */
  closingSoon: number;
  needsApproval: number;
  held: number;
  skipped: Record<string, number>;
  deferred: Record<string, number>;
}

export interface Preview {
  at: string;
  total: number;
  platforms: Record<string, PlatformTotals>;
  sample: { channel: string; user: string; decision: string }[];
  /** The last conversation id in it: the approved set ends here (a run never adds anyone). */
  cutoff: number;
}

const BATCH = 1000;
const SOON_MS = 6 * 3_600_000;
const SAMPLE = 10;

/** "8309…4319": enough to tell two people apart in a sample, not enough to find one. */
export function maskId(id: string): string {
  return id.length <= 6 ? "…" : `${id.slice(0, 4)}…${id.slice(-2)}`;
}

export function audienceWhere(a: Audience, channels: ChannelRegistry): Prisma.ConversationWhereInput {
  const ids = [...channels.values()].filter((c) => a.platforms.length === 0 || a.platforms.includes(c.platform)).map((c) => c.id);
  return {
    channel: { in: ids },
    ...(a.communeCode ? { communeCode: a.communeCode } : a.provinceCode ? { provinceCode: a.provinceCode } : {}),
    ...(a.subscribedOnly ? { newsOptInAt: { not: null } } : {}),
    ...(a.languages.length > 0 ? { language: { in: a.languages } } : {}),
    ...(a.referralCode ? { referralCode: a.referralCode } : {}),
  };
}

export type AudienceRow = { id: number; channel: string; userId: string; optedOutAt: Date | null; unreachableAt: Date | null; lastInboundAt: Date | null };

/**
 * The audience, batch by batch (by conversation id, from after `from`, up to `upTo` when the
 * approved set ends there), team leaders kept or left out as asked. `lastId` is the last
 * conversation id read, kept or not: where to go on.
 */
export async function* audienceBatches(db: Db, a: Audience, channels: ChannelRegistry, batch = BATCH, from = 0, upTo: number | null = null): AsyncGenerator<{ rows: AudienceRow[]; lastId: number }> {
  const where = audienceWhere(a, channels);
  let after = from;
  for (;;) {
    const rows = await db.conversation.findMany({
      where: { ...where, id: upTo === null ? { gt: after } : { gt: after, lte: upTo } },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, channel: true, userId: true, optedOutAt: true, unreachableAt: true, lastInboundAt: true },
    });
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    if (a.who === "all") {
      yield { rows, lastId: after };
    } else {
      const leaders = await db.teamMember.findMany({ where: { OR: rows.map((r) => ({ channel: r.channel, userId: r.userId })) }, select: { channel: true, userId: true } });
      const isLeader = new Set(leaders.map((l) => conversationKey(l.channel, l.userId)));
      yield { rows: rows.filter((r) => isLeader.has(conversationKey(r.channel, r.userId)) === (a.who === "team_leaders")), lastId: after };
    }
    if (rows.length < batch) return;
  }
}

function totals(): PlatformTotals {
  return { total: 0, sendNow: 0, closingSoon: 0, needsApproval: 0, held: 0, skipped: {}, deferred: {} };
}

function count(t: PlatformTotals, e: Eligibility, now: Date): void {
  t.total++;
  if (e.decision === "send_now") {
    t.sendNow++;
    if (e.closesAt.getTime() - now.getTime() < SOON_MS) t.closingSoon++;
  } else if (e.decision === "needs_approval") t.needsApproval++;
  else if (e.decision === "held") t.held++;
  else if (e.decision === "skipped") t.skipped[e.reason] = (t.skipped[e.reason] ?? 0) + 1;
  else t.deferred[e.reason] = (t.deferred[e.reason] ?? 0) + 1;
}

/** Decides every person of the audience now, and counts the outcomes per platform. */
export async function previewAudience(db: Db, a: Audience, channels: ChannelRegistry, rules: SendRules, now = new Date()): Promise<Preview> {
  const paused = await pausedChannels(db, now);
  const out: Preview = { at: now.toISOString(), total: 0, platforms: {}, sample: [], cutoff: 0 };
  for await (const { rows } of audienceBatches(db, a, channels)) {
    const recent = await campaignSendsRecent(db, rows, now);
    for (const r of rows) {
      const channel = channels.get(r.channel);
      if (!channel) continue;
      out.cutoff = Math.max(out.cutoff, r.id);
      const e = decide({ ...r, ...(recent.get(conversationKey(r.channel, r.userId)) ?? NONE_RECENT) }, channel, paused.has(r.channel), now, rules);
      const p = platformOf(r.channel);
      count((out.platforms[p] ??= totals()), e, now);
      out.total++;
      if (out.sample.length < SAMPLE) out.sample.push({ channel: p, user: maskId(r.userId), decision: e.decision === "skipped" || e.decision === "deferred" || e.decision === "held" ? `${e.decision}:${e.reason}` : e.decision });
    }
  }
  return out;
}

const VN = 7 * 3_600_000;

const NONE_RECENT = { sentToday: 0, sentWeek: 0 };

/**
 * Campaign messages each of these people got on their channel today (Vietnam day) and in the
 * last 7 days: the daily and weekly caps. A message counts once however many parts it has
 * (only its first part, key ending ":0", is counted), and only if it was or may still be sent.
 */
export async function campaignSendsRecent(db: Db, rows: Pick<AudienceRow, "channel" | "userId">[], now: Date): Promise<Map<string, { sentToday: number; sentWeek: number }>> {
  if (rows.length === 0) return new Map();
  const local = new Date(now.getTime() + VN);
  const dayStart = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - VN);
  const weekStart = new Date(now.getTime() - 7 * 86_400_000);
  const sent = await db.outboxMessage.findMany({
    where: {
      conversationKey: { in: rows.map((r) => conversationKey(r.channel, r.userId)) },
      dedupeKey: { startsWith: "campaign:", endsWith: ":0" },
      status: { in: ["queued", "sending", "retry", "sent"] },
      createdAt: { gte: weekStart < dayStart ? weekStart : dayStart },
    },
    select: { conversationKey: true, createdAt: true },
  });
  const out = new Map<string, { sentToday: number; sentWeek: number }>();
  for (const s of sent) {
    const c = out.get(s.conversationKey) ?? { sentToday: 0, sentWeek: 0 };
    c.sentWeek++;
    if (s.createdAt >= dayStart) c.sentToday++;
    out.set(s.conversationKey, c);
  }
  return out;
}
