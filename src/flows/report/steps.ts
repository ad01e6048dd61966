// The questions of the guided report, one per field. Each validates its answer, says what
// it expected when the answer is wrong, and never loses what was already entered.
import { replyTo } from "../../core/reply.js";
import type { OutboundMessage } from "../../core/messages.js";
import type { FlowContext, Step, StepResult } from "../machine.js";
import { numbered } from "../help/numbered.js";
import { addDays, daysBetween, isSkip, readChoices, readCount, readDate } from "./fields.js";
import { markDone, nextStep, type FieldStep, type ReportDraft } from "./draft.js";
import { FORMAT_CODES, LANGUAGE_CODES, TOPIC_CODES, type Participants } from "./types.js";
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

function optionalCount(key: "materials" | "referred"): S {
  return {
    prompt: (ctx) => ask(ctx, key),
    handle: (input, _ctx, d) => {
      if (key === "materials" && isSkip(input.raw)) return advance({ ...d, materials: null }, key);
      const n = readCount(input.raw);
      return n === null ? { reprompt: "report:wrong.count" } : advance({ ...d, [key]: n }, key);
    },
  };
}

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
  materials: optionalCount("materials"),
  referred: optionalCount("referred"),
  photos: photosStep,
  notes: notesStep,
};

export function dm(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}
export function dmy(day: string): string {
  return `${dm(day)}/${day.slice(0, 4)}`;
}
