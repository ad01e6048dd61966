// How a team leader starts reporting: "BC" (guided form), "BC ?" (one-line help),
// "BC xem" (latest five), "BC sửa" (correct the last report within 48 hours), or a whole
// report in one line ("BC 12/6 Nam Xe tao hon, san khau 45 nguoi nu30 nam15 …").
import { replyTo } from "../../core/reply.js";
import { fold } from "../../content/fold.js";
import type { OutboundMessage } from "../../core/messages.js";
import { startFlow, type FlowContext, type FlowOutcome } from "../machine.js";
import { fromReport, newDraft, nextStep, markDone, OPTIONAL_STEPS, type ReportDraft } from "./draft.js";
import { vnDate } from "./quarter.js";
import { reportFlow } from "./flow.js";
import { parseShorthand } from "./shorthand.js";
import { dmy } from "./steps.js";
import { lastReportBy, latestReports, rowToReport } from "./store.js";

export type ReportCommand = "start" | "help" | "list" | "edit" | "shorthand";

const CORRECTION_WINDOW_MS = 48 * 3600_000;

export function parseReportCommand(raw: string): ReportCommand | null {
  const f = fold(raw);
  // "BC12/6 …" (no space before the date) is a report too; "bcd" is not.
  const m = /^(bc|bao cao)(?:\s+|(?=\d)|$)(.*)$/.exec(f);
  if (!m) return null;
  const rest = (m[2] ?? "").trim();
  if (rest === "") return raw.trim().endsWith("?") ? "help" : "start";
  if (rest === "help" || rest === "huong dan") return "help";
  if (rest === "xem" || rest === "list") return "list";
  if (rest === "sua" || rest === "edit" || rest === "sua lai") return "edit";
  return "shorthand";
}

export interface TeamInfo {
  id: number;
  name: string;
  villages: string[];
}

export async function startReporting(cmd: ReportCommand, raw: string, team: TeamInfo, ctx: FlowContext): Promise<FlowOutcome | OutboundMessage[]> {
  const { conv, t, tx, event, now } = ctx;
  // A message sent offline and delivered late keeps its own day as the session date default.
  const sent = new Date(event.occurredAt);
  const today = vnDate(Number.isNaN(sent.getTime()) ? now : sent);
  const flow = reportFlow();
  switch (cmd) {
    case "help":
      return [replyTo(conv, t("report:shorthand.help"))];
    case "list": {
      const rows = await latestReports(tx, team.id);
      if (rows.length === 0) return [replyTo(conv, t("report:list.none"))];
      const lines = rows.map((r) => t("report:list.item", { reference: r.reference, date: dmy(r.sessionDate), village: r.village, total: r.total }));
      return [replyTo(conv, [t("report:list.title"), ...lines].join("\n"))];
    }
    case "edit": {
      const last = await lastReportBy(tx, { channel: conv.channel, userId: conv.userId });
      if (!last) return [replyTo(conv, t("report:edit.none"))];
      if (now.getTime() - last.createdAt.getTime() > CORRECTION_WINDOW_MS) return [replyTo(conv, t("report:edit.tooLate"))];
      const draft = fromReport({ ...base(team, today), editing: { reportId: last.id, reference: last.reference } }, rowToReport(last));
      return startFlow(flow, ctx, [replyTo(conv, t("report:edit.start", { reference: last.reference }))], draft, "summary");
    }
    case "shorthand": {
      const parsed = parseShorthand(raw, { today, villages: team.villages });
      if (parsed.kind === "help") return [replyTo(conv, t("report:shorthand.help"))];
      if (parsed.kind !== "parsed") return startFlow(flow, ctx, [replyTo(conv, t("report:start", { team: team.name }))], newDraft(team, today));
      // Optional fields are not asked again after a one-line report; required ones that
      // could not be read are asked one by one, keeping everything that was read.
      let draft: ReportDraft = markDone(fromReport(base(team, today), parsed.report), ...OPTIONAL_STEPS);
      const unreadable = new Set<string>([...parsed.missing, ...parsed.problems.map((p) => p.field)]);
      if (draft.date && draft.date > today) unreadable.add("date");
      for (const field of unreadable) draft = unmarkField(draft, field);
      const lead = [t("report:shorthandRead")];
      if (parsed.unknown.length > 0) lead.push(t("report:shorthand.unknown", { words: parsed.unknown.join(", ") }));
      return startFlow(flow, ctx, [replyTo(conv, lead.join("\n"))], draft, nextStep(draft));
    }
    case "start":
      return startFlow(flow, ctx, [replyTo(conv, t("report:start", { team: team.name }))], newDraft(team, today));
  }
}

function base(team: TeamInfo, today: string) {
  return { teamId: team.id, teamName: team.name, villages: team.villages, today };
}

const FIELD_TO_STEPS: Record<string, ReportDraft["done"]> = {
  date: ["date"],
  village: ["village"],
  topics: ["topics"],
  format: ["format"],
  participants: ["total", "women", "men", "ethnicMinority", "children"],
  languages: ["languages"],
  materials: ["materials"],
  referred: ["cases", "referredTo"],
  casesDetected: ["cases"],
  referredTo: ["referredTo"],
  notes: ["notes"],
};

function unmarkField(d: ReportDraft, field: string): ReportDraft {
  const steps = FIELD_TO_STEPS[field] ?? [];
  return { ...d, done: d.done.filter((s) => !steps.includes(s)) };
}
