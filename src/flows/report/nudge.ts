// Reminders go out only inside a platform's window, so the leaders who have not reported (and
// so have not written) rarely get one. The next time such a leader writes to the bot, for any
// reason, her answer ends with the same reminder: once a quarter, never after a danger
// message, never in the middle of a form, and not if she turned reminders off.
import type { BotResult, BotTurn } from "../../core/bot.js";
import type { OutboundMessage } from "../../core/messages.js";
import { replyTo } from "../../core/reply.js";
import { translator } from "../../i18n.js";
import { detectDanger } from "../../safety/danger.js";
import { REPORT_PAYLOAD, STOP_REMINDERS_PAYLOAD } from "../team/payloads.js";
import { quarterKey, quarterOf } from "./quarter.js";

export async function withReportNudge(turn: BotTurn, result: BotResult): Promise<BotResult> {
  const { event, conversation: conv, tx, now } = turn;
  if (result.replies.length === 0 || result.forgotten) return result;
  if (event.kind !== "text" && event.kind !== "postback") return result;
  if (conv.handledBy === "human" || (event.text && detectDanger(event.text))) return result;
  const flowAfter = result.conversation && "flow" in result.conversation ? result.conversation.flow : conv.flow;
  if (flowAfter) return result;
  const member = await tx.teamMember.findUnique({ where: { channel_userId: { channel: conv.channel, userId: conv.userId } } });
  if (!member || member.remindersOff) return result;
  const quarter = quarterOf(now);
  const key = quarterKey(quarter);
  if (member.nudgedQuarter === key) return result;
  const team = await tx.team.findUnique({ where: { id: member.teamId } });
  if (!team?.active) return result;
  const reported = await tx.sessionReport.count({ where: { teamId: team.id, sessionDate: { gte: quarter.start, lte: quarter.end } } });
  if (reported > 0) return result;
  await tx.teamMember.update({ where: { id: member.id }, data: { nudgedQuarter: key } });
  const t = translator(conv.language);
  const nudge: OutboundMessage = replyTo(conv, t("team:nudge", { team: team.name, quarter: quarter.q, year: quarter.year }), [
    { kind: "reply", title: t("team:choice.report"), payload: REPORT_PAYLOAD },
    { kind: "reply", title: t("team:choice.stopReminders"), payload: STOP_REMINDERS_PAYLOAD },
  ]);
  return { ...result, replies: [...result.replies, nudge] };
}
