// The last step: the whole report on one screen, numbered so any item can be changed by
// typing its number; "OK" sends it (after a duplicate check) or saves the correction.
import { replyTo } from "../../core/reply.js";
import type { Translate } from "../../i18n.js";
import type { Step } from "../machine.js";
import { STEP_ORDER, toReport, unmark, type FieldStep, type ReportDraft } from "./draft.js";
import { readYesNo } from "./fields.js";
import { CASE_KINDS, REFERRAL_PLACES } from "./types.js";
import { dmy } from "./steps.js";
import { correctReport, findLikelyDuplicate, saveReport } from "./store.js";
import { numbered } from "../help/numbered.js";
import type { Tx } from "../../db/client.js";
import type { ConversationRecord } from "../../core/conversation.js";

// In the order of the list the leader picked from ("111" would otherwise sort first: it is an integer key).
function kindCounts(t: Translate, group: string, codes: readonly string[], counts: Partial<Record<string, number>> | null | undefined, none: string): string {
  const parts = codes.filter((k) => (counts?.[k] ?? 0) > 0).map((k) => `${t(`report:${group}.${k}`)} ${counts![k]}`);
  return parts.length ? parts.join(", ") : none;
}

function materialsText(d: ReportDraft, t: Translate, none: string): string {
  const kinds = d.materialKinds?.length ? d.materialKinds.map((c) => t(`report:material.${c}`)).join(", ") : "";
  const n = d.materials === null || d.materials === undefined ? "" : String(d.materials);
  return kinds && n ? `${kinds} (${n})` : kinds || n || none;
}

export function summaryLines(d: ReportDraft, t: Translate): string[] {
  const none = t("report:summary.none");
  const list = (group: string, codes: string[] | undefined) => (codes?.length ? codes.map((c) => t(`report:${group}.${c}`)).join(", ") : none);
  const value: Record<FieldStep, string> = {
    date: d.date ? dmy(d.date) : none,
    village: d.village ?? none,
    topics: list("topic", d.topics),
    format: d.format ? t(`report:format.${d.format}`) : none,
    total: String(d.counts.total ?? none),
    women: String(d.counts.women ?? none),
    men: String(d.counts.men ?? none),
    ethnicMinority: String(d.counts.ethnicMinority ?? none),
    children: String(d.counts.childrenUnder16 ?? none),
    languages: list("language", d.languages),
    menPioneers: d.menPioneers === true ? t("report:choice.have") : d.menPioneers === false ? t("report:choice.haveNot") : none,
    equipment: list("equipment", d.equipment),
    materials: materialsText(d, t, none),
    cases: kindCounts(t, "case", CASE_KINDS, d.casesDetected, none),
    referredTo: kindCounts(t, "place", REFERRAL_PLACES, d.referredTo, none),
    photos: String(d.photos.length),
    notes: d.notes ?? none,
  };
  return STEP_ORDER.map((s, i) => t("report:summary.line", { n: i + 1, label: t(`report:field.${s}`), value: value[s] }));
}

async function submit(tx: Tx, conv: ConversationRecord, d: ReportDraft, t: Translate) {
  const team = await tx.team.findUniqueOrThrow({ where: { id: d.teamId } });
  const by = { channel: conv.channel, userId: conv.userId };
  const report = toReport(d);
  if (d.editing) {
    await correctReport(tx, d.editing.reportId, report, by);
    return [replyTo(conv, t("report:updated", { reference: d.editing.reference }))];
  }
  const reference = await saveReport(tx, team, report, by);
  return [replyTo(conv, t("report:saved", { reference }))];
}

export const summaryStep: Step<ReportDraft> = {
  prompt: (ctx, d) => [replyTo(ctx.conv, [ctx.t("report:summary.title"), ...summaryLines(d, ctx.t), "", ctx.t("report:summary.confirm")].join("\n"))],
  handle: async (input, ctx, d) => {
    const edit = /^\d{1,2}$/.test(input.raw.trim()) ? STEP_ORDER[Number(input.raw.trim()) - 1] : undefined;
    if (edit) return { next: edit, data: unmark(d, edit) };
    if (readYesNo(input.raw) !== true) return { reprompt: "report:wrong.summary" };
    const duplicate = d.notDuplicate ? null : await findLikelyDuplicate(ctx.tx, d.teamId, toReport(d), d.editing?.reportId);
    if (duplicate) return { next: "duplicate", data: { ...d, duplicateOf: duplicate } };
    return { done: await submit(ctx.tx, ctx.conv, d, ctx.t) };
  },
};

export const duplicateStep: Step<ReportDraft> = {
  prompt: (ctx, d) => [numbered(ctx.conv, ctx.t("report:duplicate", { reference: d.duplicateOf ?? "" }), [ctx.t("report:choice.duplicate"), ctx.t("report:choice.notDuplicate")], ctx.t)],
  handle: async (input, ctx, d) => {
    const f = input.folded;
    if (f === "1" || f === "trung") return { done: [replyTo(ctx.conv, ctx.t("report:discarded"))] };
    if (f === "2" || f === "khong trung") return { done: await submit(ctx.tx, ctx.conv, { ...d, notDuplicate: true }, ctx.t) };
    return { reprompt: "report:wrong.yesNo" };
  },
};
