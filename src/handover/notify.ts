// On-duty notices: when a danger flag is raised, staff on duty for that area get a short
// message on their own chat account ("zalo:<id>" / "messenger:<psid>") that says only that
// there is one and how severe — never the person's words (docs/reference/project8.md §7 rule 9).
// jobs/on-duty-notices.ts runs it every few seconds; the outbox dedupe key makes sure each
// staff member is told once per flag, however many instances run it.
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
  pollMs?: number;
  /** Flags older than this are not announced (after a restart, or raised long ago). */
  lookbackMs?: number;
  now?: () => Date;
}

interface DutyStaff {
  id: number;
  role: string;
  areaCode: string | null;
  onDutyChat: string | null;
}

/** The same rule as the console's conversationAreaWhere: no area → the centre only. */
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

export async function sendOnDutyNotices(o: OnDutyOptions, seen: Set<number>): Promise<number> {
  const now = o.now?.() ?? new Date();
  const flags = await o.db.handover.findMany({
    where: { reason: "danger", status: { in: ["open", "claimed"] }, createdAt: { gte: new Date(now.getTime() - (o.lookbackMs ?? 15 * 60_000)) } },
    orderBy: { id: "desc" },
    take: 200,
  });
  // Flags past the lookback are never fetched again, so they can be forgotten.
  const current = new Set(flags.map((f) => f.id));
  for (const id of seen) if (!current.has(id)) seen.delete(id);
  const fresh = flags.filter((f) => !seen.has(f.id));
  if (fresh.length === 0) return 0;
  const staff = await o.db.staffUser.findMany({ where: { active: true, onDutyChat: { not: null } }, select: { id: true, role: true, areaCode: true, onDutyChat: true } });
  const t = translator("vi");
  let queued = 0;
  for (const flag of fresh) {
    const conv = await o.db.conversation.findUnique({ where: { id: flag.conversationId }, select: { provinceCode: true, communeCode: true } });
    for (const s of staff.filter((x) => coversConversation(x, conv))) {
      queued += await noticeTo(o, s, flag.id, t("staff-handover:notice.danger", { severity: flag.severity }), now);
    }
    seen.add(flag.id);
  }
  if (queued > 0) o.onQueued();
  return queued;
}

async function noticeTo(o: OnDutyOptions, s: DutyStaff, handoverId: number, text: string, now: Date): Promise<number> {
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
  const out = await queueOutbound(o.db, o.channels, [message], { dedupePrefix: `onduty:${handoverId}:${s.id}` });
  if (!("queued" in out)) return 0; // another instance told this person already
  log.info("on-duty notice queued", { handoverId, staffId: s.id, channel: chat.channel });
  return out.queued;
}
