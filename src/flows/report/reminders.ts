// Quarterly "your team has not reported a session yet" reminders, 3 weeks and 1 week before
// the quarter ends. A reminder is a message nobody asked for, so it goes only inside the
// free part of the channel's proactive window (each channel folder's policy.ts: on Zalo 48 h
// after the person's last interaction, 48 h–7 d being paid and so never sent without
// approval; on Messenger 24 h). Every decision, sent or not,
// is one outbox row keyed by quarter, kind and person, so a second run the same day (a
// restart, a second instance) queues nothing new and staff can count who was skipped and why.
import { translator } from "../../i18n.js";
import type { ChannelRegistry, WindowTier } from "../../core/channel.js";
import { windowFor } from "../../core/windows.js";
import { conversationKey } from "../../core/messages.js";
import { queueOutbound, recordNotSent, type QueueOutcome } from "../../core/outbox.js";
import type { Db, Tx } from "../../db/client.js";
import { REPORT_PAYLOAD, STOP_REMINDERS_PAYLOAD } from "../team/payloads.js";
import { dmyFull, quarterKey, quarterOf, REMINDER_DAYS, reminderKind, type ReminderKind } from "./quarter.js";

/** A channel this build does not have: the strictest window any platform has, 24 hours. */
const UNKNOWN_CHANNEL: WindowTier[] = [{ untilMs: 24 * 3600_000, policy: "unknown_channel", purpose: "reminder", paid: false }];

export interface Recipient {
  memberId: number;
  teamId: number;
  teamName: string;
  channel: string;
  userId: string;
  language: string;
  lastInboundAt: Date | null;
}

export type WindowDecision = "send" | "needs_paid_approval" | "outside_window";
export type SkipReason = Exclude<WindowDecision, "send"> | "channel_not_configured";

export interface Selection {
  send: Recipient[];
  skipped: { recipient: Recipient; reason: Exclude<WindowDecision, "send"> }[];
}

/** Whether a message nobody asked for may go to this person now, by the channel's proactive tiers. */
export function reminderWindow(tiers: WindowTier[] | undefined, lastInboundAt: Date | null, now: Date): WindowDecision {
  // No margin: the reminder job runs once, and the tiers' edges are the platforms' own.
  const w = windowFor({ id: "reminder", platform: "reminder" }, tiers ?? UNKNOWN_CHANNEL, lastInboundAt, now, 0);
  if (!w.allowed) return "outside_window";
  return w.paid ? "needs_paid_approval" : "send";
}

/** Leaders (reminders on, team active) whose team has no session this quarter, split by window. */
export async function selectReminderRecipients(db: Tx, channels: ChannelRegistry, now: Date): Promise<Selection> {
  const quarter = quarterOf(now);
  const reported = await db.sessionReport.findMany({
    where: { sessionDate: { gte: quarter.start, lte: quarter.end } },
    select: { teamId: true },
    distinct: ["teamId"],
  });
  const teams = await db.team.findMany({
    where: { active: true, id: { notIn: reported.map((r) => r.teamId) } },
    select: { id: true, name: true },
  });
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const members = await db.teamMember.findMany({ where: { teamId: { in: [...teamNames.keys()] }, remindersOff: false }, orderBy: { id: "asc" } });
  const conversations = new Map<string, { language: string; lastInboundAt: Date | null }>();
  for (const userIds of chunks([...new Set(members.map((m) => m.userId))], 500)) {
    const rows = await db.conversation.findMany({ where: { userId: { in: userIds } }, select: { channel: true, userId: true, language: true, lastInboundAt: true } });
    for (const c of rows) conversations.set(conversationKey(c.channel, c.userId), c);
  }
  const selection: Selection = { send: [], skipped: [] };
  for (const m of members) {
    const conv = conversations.get(conversationKey(m.channel, m.userId));
    const recipient: Recipient = {
      memberId: m.id,
      teamId: m.teamId,
      teamName: teamNames.get(m.teamId)!,
      channel: m.channel,
      userId: m.userId,
      language: conv?.language ?? "vi",
      lastInboundAt: conv?.lastInboundAt ?? null,
    };
    const decision = reminderWindow(channels.get(m.channel)?.policy.proactive, recipient.lastInboundAt, now);
    if (decision === "send") selection.send.push(recipient);
    else selection.skipped.push({ recipient, reason: decision });
  }
  return selection;
}

export interface ReminderRun {
  kind: ReminderKind | null;
  quarter: string;
  /** People whose reminder was queued by this run. */
  queued: number;
  /** People recorded as skipped by this run (reason in the row's lastError). */
  skipped: number;
  /** People already decided by an earlier run for the same quarter and kind: no new rows. */
  duplicates: number;
}

/** `reminder:2026q2:1w:zalo:<userId>`; the rows are this plus `:<part>` (a skip is part 0). */
export function reminderKey(now: Date, kind: ReminderKind, channel: string, userId: string): string {
  return `reminder:${quarterKey(quarterOf(now))}:${kind}:${channel}:${userId}`;
}

/** Queues today's reminders. `kind` defaults to today's (none outside the two reminder days). */
export async function queueReminders(db: Db, channels: ChannelRegistry, now: Date, kind: ReminderKind | null = reminderKind(now)): Promise<ReminderRun> {
  const quarter = quarterOf(now);
  const run: ReminderRun = { kind, quarter: quarterKey(quarter), queued: 0, skipped: 0, duplicates: 0 };
  if (!kind) return run;
  const { send, skipped } = await selectReminderRecipients(db, channels, now);
  const decisions: { recipient: Recipient; reason: SkipReason | null }[] = [
    ...send.map((recipient) => ({ recipient, reason: channels.has(recipient.channel) ? null : ("channel_not_configured" as const) })),
    ...skipped,
  ];
  for (const { recipient: r, reason } of decisions) {
    const key = reminderKey(now, kind, r.channel, r.userId);
    // One decision per person: part 0 exists for a send and for a skip alike.
    if (await db.outboxMessage.findUnique({ where: { dedupeKey: `${key}:0` }, select: { id: true } })) {
      run.duplicates++;
      continue;
    }
    let out: QueueOutcome;
    if (reason) {
      out = await recordNotSent(db, { channel: r.channel, recipientId: r.userId, dedupePrefix: key, reason, now });
    } else {
      const t = translator(r.language);
      const text = t("team:reminder", { team: r.teamName, quarter: quarter.q, year: quarter.year, end: dmyFull(quarter.end), days: REMINDER_DAYS[kind] });
      const message = {
        channel: r.channel,
        recipientId: r.userId,
        text,
        purpose: "reminder" as const,
        choices: [
          { kind: "reply" as const, title: t("team:choice.report"), payload: REPORT_PAYLOAD },
          { kind: "reply" as const, title: t("team:choice.stopReminders"), payload: STOP_REMINDERS_PAYLOAD },
        ],
      };
      out = await queueOutbound(db, channels, [message], { dedupePrefix: key, now });
    }
    if (!("queued" in out)) {
      run.duplicates++; // another instance decided this person between our check and our write
      continue;
    }
    if (reason) run.skipped++;
    else run.queued++;
  }
  return run;
}

export interface ReminderDeps {
  db: Db;
  channels: ChannelRegistry;
  /** Called after rows were queued, e.g. to nudge the outbox worker. */
  onQueued?: () => void;
}

/** One run of the daily job (jobs/team-reminders.ts): on a reminder day, queue; on other days, nothing. */
export async function runReminderJob(deps: ReminderDeps, now: Date): Promise<ReminderRun | null> {
  if (!reminderKind(now)) return null;
  const run = await queueReminders(deps.db, deps.channels, now);
  if (run.queued > 0) deps.onQueued?.();
  return run;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
