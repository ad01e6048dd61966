// How this quarter's report reminders went, for the dashboard: how many reached a leader and
// how many could not (outside the platform's window, a paid window, no channel), counted from
// the outbox rows the reminder job writes for every decision (flows/report/reminders.ts).
// Counts only, within the staff member's area (the leaders of the teams there).
import type { Db } from "../../db/client.js";
import { quarterKey, quarterOf } from "../../flows/report/quarter.js";
import { conversationKey } from "../../core/messages.js";
import { areaWhere, type Staff } from "../principal.js";

export interface ReminderCounts {
  quarter: string;
  sent: number;
  waiting: number;
  notSent: Record<string, number>;
}

export async function reminderCounts(db: Db, staff: Staff, now = new Date()): Promise<ReminderCounts> {
  const quarter = quarterKey(quarterOf(now));
  const scoped = staff.role === "centre_admin" ? null : await db.team.findMany({ where: areaWhere(staff), select: { id: true } });
  const members = scoped ? await db.teamMember.findMany({ where: { teamId: { in: scoped.map((t) => t.id) } }, select: { channel: true, userId: true } }) : null;
  const rows = await db.outboxMessage.groupBy({
    by: ["status", "lastError"],
    where: {
      dedupeKey: { startsWith: `reminder:${quarter}:`, endsWith: ":0" },
      ...(members ? { conversationKey: { in: members.map((m) => conversationKey(m.channel, m.userId)) } } : {}),
    },
    _count: { _all: true },
  });
  const out: ReminderCounts = { quarter, sent: 0, waiting: 0, notSent: {} };
  for (const r of rows) {
    const n = r._count._all;
    if (r.status === "sent" || r.status === "delivered" || r.status === "read") out.sent += n;
    else if (r.status === "queued" || r.status === "sending" || r.status === "retry") out.waiting += n;
    else {
      const reason = r.status === "skipped" ? (r.lastError ?? "skipped").split(":")[0]! : "failed";
      out.notSent[reason] = (out.notSent[reason] ?? 0) + n;
    }
  }
  return out;
}
