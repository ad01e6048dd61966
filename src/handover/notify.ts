// On-duty notices: when a danger flag is raised, staff on duty for that area get a short
// message on their own chat account ("zalo:<id>" / "messenger:<psid>") that says only that
// there is one and how severe — never the person's words (docs/reference/project8.md §7 rule 9).
// jobs/on-duty-notices.ts runs it every few seconds: a flag is announced at once and again
// every ONDUTY_REPEAT_MIN while nobody claims it; the round is claimed on the flag's row and
// the outbox dedupe key makes sure each staff member is told once per round.
import { translator } from "../i18n.js";
import type { ChannelRegistry } from "../core/channel.js";
import { queueOutbound } from "../core/outbox.js";
import type { Db } from "../db/client.js";
import { log } from "../log.js";
import { windowFor } from "../core/windows.js";

export interface OnDutyOptions {
  db: Db;
  channels: ChannelRegistry;
  onQueued: () => void;
  /** An unclaimed flag is announced again this often. */
  repeatMs?: number;
  now?: () => Date;
}

interface DutyStaff {
  id: number;
  role: string;
  areaCode: string | null;
  onDutyChat: string | null;
}

/** The console's area rule (conversationAreaWhere); danger flags also use coversFlag below. */
export function coversConversation(s: Pick<DutyStaff, "role" | "areaCode">, conv: { provinceCode: string | null; communeCode: string | null } | null): boolean {
  if (s.role === "centre_admin") return true;
  if (!s.areaCode || !conv) return false;
  return s.role === "province_staff" ? conv.provinceCode === s.areaCode : conv.communeCode === s.areaCode;
}

/** "<channel>:<user id>" as staff type it; the channel decides what a user id of its own looks like. */
export function parseDutyChat(value: string | null, channels: ChannelRegistry): { channel: string; userId: string } | null {
  const m = /^([a-z][\w-]*):(.+)$/.exec(value?.trim() ?? "");
  const channel = m ? channels.get(m[1]!) : undefined;
  const userId = channel?.parseUserId(m![2]!);
  return channel && userId ? { channel: channel.id, userId } : null;
}

/** Announcements of one unclaimed flag: the first, then one every repeat (2 hours at the default 10 min). */
export const MAX_NOTICES = 13;

/**
 * Every danger flag nobody has claimed is announced to the on-duty staff covering its area at
 * once, and again every `repeatMs` while it stays unclaimed. Each round is claimed on the flag
 * row (noticeCount), so however many instances run this, a round goes out once.
 */
export async function sendOnDutyNotices(o: OnDutyOptions): Promise<number> {
  const now = o.now?.() ?? new Date();
  const repeatMs = o.repeatMs ?? 10 * 60_000;
  const due = await o.db.handover.findMany({
    where: { reason: "danger", status: "open", noticeCount: { lt: MAX_NOTICES }, OR: [{ lastNoticeAt: null }, { lastNoticeAt: { lte: new Date(now.getTime() - repeatMs) } }] },
    orderBy: [{ severity: "desc" }, { id: "asc" }],
    take: 200,
  });
  if (due.length === 0) return 0;
  const staff = await o.db.staffUser.findMany({ where: { active: true, onDutyChat: { not: null } }, select: { id: true, role: true, areaCode: true, onDutyChat: true } });
  const t = translator("vi");
  let queued = 0;
  for (const flag of due) {
    const won = await o.db.handover.updateMany({ where: { id: flag.id, status: "open", noticeCount: flag.noticeCount }, data: { noticeCount: { increment: 1 }, lastNoticeAt: now } });
    if (won.count !== 1) continue; // another instance took this round
    const conv = await o.db.conversation.findUnique({ where: { id: flag.conversationId }, select: { provinceCode: true, communeCode: true } });
    const since = flag.raisedAt ?? flag.createdAt;
    const minutes = Math.max(1, Math.round((now.getTime() - since.getTime()) / 60_000));
    const text = flag.noticeCount === 0 ? t("staff-handover:notice.danger", { severity: flag.severity }) : t("staff-handover:notice.again", { severity: flag.severity, minutes });
    for (const s of staff.filter((x) => coversFlag(x, conv))) queued += await noticeTo(o, s, flag.id, flag.noticeCount, text, now);
  }
  if (queued > 0) o.onQueued();
  return queued;
}

/**
 * Whom a danger flag is for: those covering the conversation's area; a conversation with no
 * area yet (every first message before the person names her commune, on an account with no
 * province) also goes to every province officer on duty, so it is never the centre's alone.
 */
export function coversFlag(s: Pick<DutyStaff, "role" | "areaCode">, conv: { provinceCode: string | null; communeCode: string | null } | null): boolean {
  if (conv && conv.provinceCode === null && conv.communeCode === null && s.role === "province_staff") return true;
  return coversConversation(s, conv);
}

async function noticeTo(o: OnDutyOptions, s: DutyStaff, handoverId: number, round: number, text: string, now: Date): Promise<number> {
  const chat = parseDutyChat(s.onDutyChat, o.channels);
  const channel = chat && o.channels.get(chat.channel);
  if (!chat || !channel) return 0;
  // The staff member's own chat follows the platforms' rules too: a notice is a message
  // nobody asked for, so it goes only inside the channel's free proactive window.
  const own = await o.db.conversation.findUnique({ where: { channel_userId: chat }, select: { lastInboundAt: true } });
  const win = windowFor(channel, channel.policy.proactive, own?.lastInboundAt ?? null, now);
  if (!win.allowed || win.paid) {
    log.warn("on-duty notice skipped: staff chat window closed", { handoverId, staffId: s.id, channel: chat.channel });
    return 0;
  }
  const message = { channel: chat.channel, recipientId: chat.userId, text, purpose: "reminder" as const };
  const out = await queueOutbound(o.db, o.channels, [message], { dedupePrefix: round === 0 ? `onduty:${handoverId}:${s.id}` : `onduty:${handoverId}:${s.id}:r${round}` });
  if (!("queued" in out)) return 0; // another instance told this person already
  log.info("on-duty notice queued", { handoverId, staffId: s.id, channel: chat.channel });
  return out.queued;
}
