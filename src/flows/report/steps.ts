// The questions of the guided report, one per field. Each validates its answer, says what
// it expected when the answer is wrong, and never loses what was already entered.
import { replyTo } from "../../core/reply.js";
import type { OutboundMessage } from "../../core/messages.js";
import type { FlowContext, Step, StepResult } from "../machine.js";
import { numbered } from "../help/numbered.js";
import { addDays, daysBetween, isSkip, isSkipAll, readChoices, readCount, readDate, readKindCounts, readYesNo } from "./fields.js";
import { markDone, nextStep, OPTIONAL_STEPS, sumCounts, type FieldStep, type ReportDraft } from "./draft.js";
import { CASE_KINDS, EQUIPMENT_CODES, FORMAT_CODES, LANGUAGE_CODES, MATERIAL_CODES, REFERRAL_PLACES, TOPIC_CODES, type Participants } from "./types.js";
import { fold } from "../../content/fold.js";

type S = Step<ReportDraft>;
type R = StepResult<ReportDraft>;

/** Moves on to the first unanswered step (or the summary). */
export function advance(d: ReportDraft, ...answered: FieldStep[]): R {
  const data = markDone(d, ...answered);
  return { next: nextStep(data), data };
}

const ask = (ctx: FlowContext, key: string): OutboundMessage[] => [replyTo(ctx.conv, ctx.t(`report:ask.${key}`))];
const labels = (ctx: FlowContext, group: string, codes: readonly string[]) => codes.map((c) => ctx.t(`report:${group}.${c}`));

const dateStep: S = {
  prompt: (ctx, d) => [
    numbered(ctx.conv, ctx.t("report:ask.date"), [ctx.t("report:choice.today", { date: dm(d.today) }), ctx.t("report:choice.yesterday", { date: dm(addDays(d.today, -1)) })], ctx.t),
  ],
  handle: (input, _ctx, d) => {
    const date = readDate(input.raw, d.today);
    if (!date) return { reprompt: "report:wrong.date" };
    if (date > d.today) return { reprompt: "report:wrong.future" };
    const data = { ...d, date };
    // Older than 90 days is allowed, but only after the leader confirms it.
    return daysBetween(date, d.today) > 90 ? { next: "confirmOldDate", data } : advance(data, "date");
  },
};

const confirmOldDate: S = {
  prompt: (ctx, d) => [numbered(ctx.conv, ctx.t("report:oldDate", { date: dmy(d.date ?? d.today) }), [ctx.t("report:choice.yes"), ctx.t("report:choice.no")], ctx.t)],
  handle: (input, _ctx, d) => {
    const f = fold(input.raw);
    if (f === "1" || f === "dung" || f === "ok" || f === "yes") return advance(d, "date");
    if (f === "2" || f === "nhap lai" || f === "no") return { next: "date", data: { ...d, date: undefined } as ReportDraft };
    return { reprompt: "report:wrong.yesNo" };
  },
};

const villageStep: S = {
  prompt: (ctx, d) => [numbered(ctx.conv, ctx.t("report:ask.village"), d.villages, ctx.t)],
  handle: (input, _ctx, d) => {
    const byNumber = /^\d{1,2}$/.test(input.raw.trim()) ? d.villages[Number(input.raw.trim()) - 1] : undefined;
    const byName = d.villages.find((v) => fold(v) === input.folded);
    const village = byNumber ?? byName;
    return village ? advance({ ...d, village }, "village") : { reprompt: "report:wrong.village" };
  },
};

function multiStep(group: "topic" | "language", codes: readonly string[], key: "topics" | "languages"): S {
  return {
    prompt: (ctx) => [numbered(ctx.conv, ctx.t(`report:ask.${key}`), labels(ctx, group, codes), ctx.t)],
    handle: (input, _ctx, d) => {
      const picked = readChoices(input.raw, codes.length);
      if (!picked) return { reprompt: "report:wrong.choices" };
      return advance({ ...d, [key]: picked.map((i) => codes[i - 1]) } as ReportDraft, key);
    },
  };
}

const formatStep: S = {
  prompt: (ctx) => [numbered(ctx.conv, ctx.t("report:ask.format"), labels(ctx, "format", FORMAT_CODES), ctx.t)],
  handle: (input, _ctx, d) => {
    const picked = readChoices(input.raw, FORMAT_CODES.length);
    if (!picked || picked.length !== 1) return { reprompt: "report:wrong.choice" };
    return advance({ ...d, format: FORMAT_CODES[picked[0]! - 1]! }, "format");
  },
};

function countStep(key: FieldStep & ("total" | "women" | "men" | "ethnicMinority" | "children")): S {
  const field: keyof Participants = key === "children" ? "childrenUnder16" : key;
  return {
    prompt: (ctx) => ask(ctx, key),
    handle: (input, _ctx, d) => {
      const n = readCount(input.raw);
      if (n === null) return { reprompt: "report:wrong.count" };
      const total = d.counts.total;
      if (field !== "total" && total !== undefined && n > total) return { reprompt: "report:wrong.partOfTotal", vars: { total } };
      const data = { ...d, counts: { ...d.counts, [field]: n } };
      const { women, men } = data.counts;
      // Women + men should make the total; a difference is kept only when the leader confirms it.
      if (key === "men" && total !== undefined && women !== undefined && men !== undefined && women + men !== total) {
        return { next: "confirmCounts", data };
      }
      return advance(data, key);
    },
  };
}

const confirmCounts: S = {
  prompt: (ctx, d) => {
    const { women = 0, men = 0, total = 0 } = d.counts;
    return [numbered(ctx.conv, ctx.t("report:countsDiffer", { women, men, sum: women + men, total }), [ctx.t("report:choice.yes"), ctx.t("report:choice.no")], ctx.t)];
  },
  handle: (input, _ctx, d) => {
    const f = fold(input.raw);
    if (f === "1" || f === "dung" || f === "ok" || f === "yes") return advance(d, "total", "women", "men");
    if (f === "2" || f === "nhap lai" || f === "no") return { next: "total", data: { ...d, done: d.done.filter((s) => s !== "total" && s !== "women" && s !== "men") } };
    return { reprompt: "report:wrong.yesNo" };
  },
};

/**
 * An optional step: "gửi luôn" leaves it and every optional step after it unanswered and
 * goes to the summary, so a leader on one bar of signal sends a short report.
 */
function optional(step: S): S {
  return {
    prompt: step.prompt,
    handle: (input, ctx, d) => {
      if (!isSkipAll(input.raw)) return step.handle(input, ctx, d);
      const rest = OPTIONAL_STEPS.filter((s) => !d.done.includes(s));
      const cleared: ReportDraft = { ...d };
      if (rest.includes("materials")) Object.assign(cleared, { materials: null, materialKinds: [] });
      if (rest.includes("cases")) Object.assign(cleared, { casesDetected: null, referredTo: null });
      return advance(cleared, ...rest);
    },
  };
}

const menPioneersStep: S = {
  prompt: (ctx) => [numbered(ctx.conv, ctx.t("report:ask.menPioneers"), [ctx.t("report:choice.have"), ctx.t("report:choice.haveNot")], ctx.t)],
  handle: (input, _ctx, d) => {
    const yes = readYesNo(input.raw);
    if (yes !== null) return advance({ ...d, menPioneers: yes }, "menPioneers");
    return isSkip(input.raw) ? advance({ ...d, menPioneers: null }, "menPioneers") : { reprompt: "report:wrong.haveOrNot" };
  },
};

/** A list to pick from where "bỏ qua" / "0" means none. */
function optionalChoices(group: "equipment" | "material", codes: readonly string[], askKey: string, onPick: (d: ReportDraft, picked: string[]) => R): S {
  return {
    prompt: (ctx) => [numbered(ctx.conv, ctx.t(`report:ask.${askKey}`), labels(ctx, group, codes), ctx.t)],
    handle: (input, _ctx, d) => {
      if (isSkip(input.raw)) return onPick(d, []);
      const picked = readChoices(input.raw, codes.length);
      return picked ? onPick(d, picked.map((i) => codes[i - 1]!)) : { reprompt: "report:wrong.choicesOrSkip" };
    },
  };
}

const equipmentStep = optionalChoices("equipment", EQUIPMENT_CODES, "equipment", (d, picked) => advance({ ...d, equipment: picked as ReportDraft["equipment"] }, "equipment"));

// Kinds first, then how many: "bỏ qua" at the kinds leaves both empty.
const materialsStep = optionalChoices("material", MATERIAL_CODES, "materials", (d, picked) =>
  picked.length === 0 ? advance({ ...d, materialKinds: [], materials: null }, "materials") : { next: "materialsCount", data: { ...d, materialKinds: picked as ReportDraft["materialKinds"] } },
);

const materialsCount: S = {
  prompt: (ctx) => ask(ctx, "materialsCount"),
  handle: (input, _ctx, d) => {
    if (isSkip(input.raw)) return advance({ ...d, materials: null }, "materials");
    const n = readCount(input.raw);
    return n === null ? { reprompt: "report:wrong.count" } : advance({ ...d, materials: n }, "materials");
  },
};

/** Folded words a leader may type for each kind, besides its number. */
const CASE_WORDS: string[][] = [["bao luc", "bl", "bldg", "blgd"], ["mua ban nguoi", "mbn", "buon ban nguoi"], ["tao hon", "ket hon som"], ["khac"]];
const PLACE_WORDS: string[][] = [["dctc", "dia chi tin cay"], ["cong an", "ca"], ["111", "tong dai 111", "tong dai"], ["y te", "tram y te", "yt"]];

function byKind<K extends string>(codes: readonly K[], values: number[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  codes.forEach((c, i) => {
    if ((values[i] ?? 0) > 0) out[c] = values[i]!;
  });
  return out;
}

function kindPrompt(ctx: FlowContext, key: "cases" | "referredTo", group: "case" | "place", codes: readonly string[]): OutboundMessage[] {
  const list = codes.map((c, i) => `${i + 1}. ${ctx.t(`report:${group}.${c}`)}`).join("\n");
  return [replyTo(ctx.conv, `${ctx.t(`report:ask.${key}`)}\n${list}\n${ctx.t(`report:ask.${key}Example`)}`)];
}

const casesStep: S = {
  prompt: (ctx) => kindPrompt(ctx, "cases", "case", CASE_KINDS),
  handle: (input, _ctx, d) => {
    // "0", "không": none detected, so there is nothing to say about where they went.
    if (isSkip(input.raw)) return advance({ ...d, casesDetected: {}, referredTo: {}, referred: 0 }, "cases", "referredTo");
    const counts = readKindCounts(input.raw, CASE_WORDS);
    if (!counts) return { reprompt: "report:wrong.cases" };
    const casesDetected = byKind(CASE_KINDS, counts);
    const none = sumCounts(casesDetected) === 0;
    if (none) return advance({ ...d, casesDetected, referredTo: {}, referred: 0 }, "cases", "referredTo");
    // Cases where there were none before (a correction): ask again where they went.
    const done = sumCounts(d.referredTo) > 0 ? d.done : d.done.filter((s) => s !== "referredTo");
    return advance({ ...d, casesDetected, done }, "cases");
  },
};

const referredToStep: S = {
  prompt: (ctx) => kindPrompt(ctx, "referredTo", "place", REFERRAL_PLACES),
  handle: (input, _ctx, d) => {
    if (isSkip(input.raw)) return advance({ ...d, referredTo: {}, referred: 0 }, "referredTo");
    const counts = readKindCounts(input.raw, PLACE_WORDS);
    if (!counts) return { reprompt: "report:wrong.referredTo" };
    const referredTo = byKind(REFERRAL_PLACES, counts);
    return advance({ ...d, referredTo, referred: sumCounts(referredTo) }, "referredTo");
  },
};

const photosStep: S = {
  prompt: (ctx) => ask(ctx, "photos"),
  handle: (input, ctx, d) => {
    const images = (ctx.event.attachments ?? []).filter((a) => a.type === "image" && a.url).map((a) => a.url!);
    if (images.length > 0) {
      // Stay on this step so several photos can arrive one by one.
      const data = { ...d, photos: [...d.photos, ...images].slice(0, 20) };
      return { next: "photos", data, say: [replyTo(ctx.conv, ctx.t("report:photoReceived", { count: data.photos.length }))] };
    }
    return isSkip(input.raw) ? advance(d, "photos") : { reprompt: "report:wrong.photos" };
  },
};

const notesStep: S = {
  prompt: (ctx) => ask(ctx, "notes"),
  handle: (input, _ctx, d) => advance({ ...d, notes: isSkip(input.raw) || input.raw.trim() === "" ? null : input.raw.trim().slice(0, 1000) }, "notes"),
};

export const FIELD_STEPS: Record<string, S> = {
  date: dateStep,
  confirmOldDate,
  village: villageStep,
  topics: multiStep("topic", TOPIC_CODES, "topics"),
  format: formatStep,
  total: countStep("total"),
  women: countStep("women"),
  men: countStep("men"),
  confirmCounts,
  ethnicMinority: countStep("ethnicMinority"),
  children: countStep("children"),
  languages: multiStep("language", LANGUAGE_CODES, "languages"),
  menPioneers: optional(menPioneersStep),
  equipment: optional(equipmentStep),
  materials: optional(materialsStep),
  materialsCount: optional(materialsCount),
  cases: optional(casesStep),
  referredTo: optional(referredToStep),
  // A conversation stopped at the old "referred" question (before the cases step) resumes here.
  referred: optional(casesStep),
  photos: optional(photosStep),
  notes: optional(notesStep),
};

export function dm(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}
export function dmy(day: string): string {
  return `${dm(day)}/${day.slice(0, 4)}`;
}
