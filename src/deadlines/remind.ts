// Reminding province staff of a report deadline: once `remindDays` before it and again the day
// before, on each officer's own chat account (the one their on-duty notices go to), only inside
// that chat's free window like every message nobody asked for. The console's dashboard shows
// the countdown to everyone of the province whether or not a chat message could go.
// Each stage is claimed on the deadline's row, so with any number of instances it goes once.
import { translator } from "../i18n.js";
import type { ChannelRegistry } from "../core/channel.js";
import { queueOutbound } from "../core/outbox.js";
import { windowFor } from "../core/windows.js";
import type { Db } from "../db/client.js";
import { log } from "../log.js";
import { parseDutyChat } from "../handover/notify.js";
import { vnDate } from "../flows/report/quarter.js";
import { daysLeft, reminderStageDue } from "./deadlines.js";

export interface DeadlineReminderRun {
  deadlines: number;
  queued: number;
  /** Officers of the province with no chat account set, or whose chat window is closed. */
  notReached: number;
}

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export async function remindDeadlines(o: { db: Db; channels: ChannelRegistry; onQueued: () => void }, now: Date): Promise<DeadlineReminderRun> {
  const today = vnDate(now);
  const candidates = await o.db.reportDeadline.findMany({ where: { dueDate: { gte: today }, reminderStage: { lt: 2 } }, orderBy: { dueDate: "asc" }, take: 500 });
  const run: DeadlineReminderRun = { deadlines: 0, queued: 0, notReached: 0 };
  const t = translator("vi");
  for (const d of candidates) {
    const stage = reminderStageDue(d, today);
    if (stage === null) continue;
    const won = await o.db.reportDeadline.updateMany({ where: { id: d.id, reminderStage: d.reminderStage }, data: { reminderStage: stage, remindedAt: now } });
    if (won.count !== 1) continue; // another instance took it
    run.deadlines++;
    const staff = await o.db.staffUser.findMany({ where: { active: true, role: "province_staff", areaCode: d.provinceCode }, select: { id: true, onDutyChat: true } });
    const text = t("staff-reports:deadlines.reminder", { title: d.title, date: dmy(d.dueDate), days: daysLeft(d.dueDate, today) });
    for (const s of staff) {
      const chat = parseDutyChat(s.onDutyChat, o.channels);
      const channel = chat && o.channels.get(chat.channel);
      if (!chat || !channel) {
        run.notReached++;
        continue;
      }
      const own = await o.db.conversation.findUnique({ where: { channel_userId: chat }, select: { lastInboundAt: true } });
      const win = windowFor(channel, channel.policy.proactive, own?.lastInboundAt ?? null, now);
      if (!win.allowed || win.paid) {
        run.notReached++;
        continue;
      }
      const out = await queueOutbound(o.db, o.channels, [{ channel: chat.channel, recipientId: chat.userId, text, purpose: "reminder" }], { dedupePrefix: `deadline:${d.id}:${stage}:${s.id}` });
      if ("queued" in out) run.queued += out.queued;
    }
    log.info("report deadline reminder", { deadlineId: d.id, provinceCode: d.provinceCode, stage, staff: staff.length });
  }
  if (run.queued > 0) o.onQueued();
  return run;
}
