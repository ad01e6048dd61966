// From recognised phrases to report fields. Each required field ends in exactly one place:
// the report (found and valid), `problems` (found but unusable: a date like 31/2, two
// different villages, a count over 10000) or `missing` (not found). Defaults are few and
// written down in docs/shorthand.md: children 0 and referred 0 when not said, materials null.
import type { EquipmentCode, FormatCode, MaterialCode, Participants, ReportField, SessionLanguage, SessionReport, TopicCode } from "./types.js";
import { CASE_KEYS, COUNT_PRINT, PLACE_KEYS, type CountKey } from "./shorthand-lexicon.js";
import { readDate, shiftDays, type Ymd } from "./shorthand-date.js";
import { bindNumbers, pairRaw, toItems, type Item } from "./shorthand-numbers.js";
import type { Segment } from "./shorthand-segment.js";
import type { Token } from "./shorthand-tokens.js";

export interface Problem { field: ReportField; token: string; reason: ProblemReason }
export type ProblemReason = "invalid_date" | "year_out_of_range" | "conflict" | "negative" | "too_large" | "incomplete";

/** Bigger counts are typos (a phone number, a date run together), not a village meeting. */
export const MAX_COUNT = 10000;

interface Seen<T> { value: T; raw: string }

export interface Reading { report: Partial<SessionReport>; problems: Problem[]; unknown: string[] }

export function readFields(segments: readonly Segment[], tokens: readonly Token[], today: Ymd): Reading {
  const items = toItems(segments, tokens);
  bindNumbers(items);
  const problems: Problem[] = [];
  const dates: Seen<string>[] = [];
  const villages: Seen<string>[] = [];
  const formats: Seen<FormatCode>[] = [];
  const weakFormats: Seen<FormatCode>[] = [];
  const topics: TopicCode[] = [];
  const languages: SessionLanguage[] = [];
  const equipment: EquipmentCode[] = [];
  const materialKinds: MaterialCode[] = [];
  let pioneers = false;
  const counts = new Map<CountKey, Array<Seen<number> & { negative: boolean }>>();
  const leftover: number[] = [];

  items.forEach((item, i) => {
    const seg = item.seg;
    if (seg.kind === "date") {
      const d = item.first.date;
      const r = d ? readDate(d.day, d.month, d.year, today) : ({ ok: false, reason: "invalid_date" } as const);
      if (r.ok) dates.push({ value: r.iso, raw: item.raw });
      else problems.push({ field: "date", token: item.raw, reason: r.reason });
    } else if (seg.kind === "village") villages.push({ value: seg.name, raw: item.raw });
    else if (seg.kind !== "lex") {
      if (item.partner === -1) leftover.push(i);
    } else if (item.filler) return;
    else {
      const m = seg.meaning;
      if (m.kind === "topic") pushUnique(topics, m.code);
      else if (m.kind === "language") pushUnique(languages, m.code);
      else if (m.kind === "equipment") pushUnique(equipment, m.code);
      else if (m.kind === "material") pushUnique(materialKinds, m.code);
      else if (m.kind === "pioneers") pioneers = true;
      else if (m.kind === "format") (m.weak ? weakFormats : formats).push({ value: m.code, raw: item.raw });
      else if (m.kind === "day") dates.push({ value: shiftDays(today, m.offset), raw: item.raw });
      else if (m.kind === "count") {
        const num = items[item.partner];
        if (m.material) pushUnique(materialKinds, m.material);
        // "to roi" alone names the kind; other count words without a number mean nothing.
        if (!num && m.material) return;
        if (!num) leftover.push(i);
        else {
          const list = counts.get(m.key) ?? [];
          const digits = num.first.word;
          list.push({ value: digits.length > 6 ? Infinity : Number(digits), raw: pairRaw(items, i), negative: num.negative });
          counts.set(m.key, list);
        }
      } else if (m.kind === "unsupported") leftover.push(i);
    }
  });

  const report: Partial<SessionReport> = {};
  const date = problems.some((p) => p.field === "date") ? undefined : single("date", dates, problems);
  if (date !== undefined) report.date = date;
  const village = single("village", villages, problems);
  if (village !== undefined) report.village = village;
  if (topics.length > 0) report.topics = topics;
  const format = single("format", formats.length > 0 ? formats : weakFormats, problems);
  if (format !== undefined) report.format = format;
  const participants = readParticipants(counts, problems);
  if (participants) report.participants = participants;
  if (languages.length > 0) report.languages = languages;
  const materials = readCount("materials", counts, problems);
  if (materials !== undefined) report.materials = materials;
  // Optional fields not written read as "not said": null, or an empty list.
  report.menPioneers = pioneers ? true : null;
  report.equipment = equipment;
  report.materialKinds = materialKinds;
  const cases = readKeyed(CASE_KEYS, "casesDetected", counts, problems);
  if (cases !== undefined) report.casesDetected = cases;
  const places = readKeyed(PLACE_KEYS, "referredTo", counts, problems);
  if (places !== undefined) report.referredTo = places;
  // "cg2" is the total; without it the total is what the places add up to, else 0.
  const referred = countValue("referred", "referred", counts, problems);
  if (referred !== undefined) report.referred = referred ?? Object.values(places ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);
  report.photos = [];
  return { report, problems, unknown: unknownWords(items, leftover) };
}

function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** One value, or a conflict when the line gives two different ones ("Nậm Xe ... Nà Sáy"). */
function single<T>(field: ReportField, seen: readonly Seen<T>[], problems: Problem[]): T | undefined {
  const distinct = [...new Set(seen.map((s) => s.value))];
  if (distinct.length > 1) {
    problems.push({ field, token: seen.map((s) => s.raw).join(", "), reason: "conflict" });
    return undefined;
  }
  return distinct[0];
}

type Counts = Map<CountKey, Array<Seen<number> & { negative: boolean }>>;

// undefined: unusable (a problem was recorded); null: not said.
function countValue(key: CountKey, field: ReportField, counts: Counts, problems: Problem[]): number | null | undefined {
  const seen = counts.get(key) ?? [];
  const bad = seen.find((s) => s.negative) ?? seen.find((s) => s.value > MAX_COUNT);
  if (bad) {
    problems.push({ field, token: bad.raw, reason: bad.negative ? "negative" : "too_large" });
    return undefined;
  }
  const value = single(field, seen, problems);
  if (value === undefined) return seen.length > 0 ? undefined : null;
  return value;
}

function readCount(key: "materials", counts: Counts, problems: Problem[]): number | null | undefined {
  return countValue(key, key, counts, problems);
}

/** Counts by kind or place ("phbl2 phth1", "cgdctc1"); null when none was written, undefined when one was unusable. */
function readKeyed<K extends string>(keys: readonly `${string}:${K}`[], field: ReportField, counts: Counts, problems: Problem[]): Partial<Record<K, number>> | null | undefined {
  const out: Partial<Record<K, number>> = {};
  let any = false;
  for (const key of keys) {
    const v = countValue(key as CountKey, field, counts, problems);
    if (v === undefined) return undefined;
    if (v === null) continue;
    any = true;
    if (v > 0) out[key.slice(key.indexOf(":") + 1) as K] = v;
  }
  return any ? out : null;
}

const PARTICIPANT_KEYS = ["total", "women", "men", "ethnicMinority", "childrenUnder16"] as const;

function readParticipants(counts: Counts, problems: Problem[]): Participants | undefined {
  const before = problems.length;
  const values = PARTICIPANT_KEYS.map((k) => countValue(k, "participants", counts, problems));
  if (problems.length > before || values.every((v) => v === null)) return undefined;
  const [total, women, men, ethnicMinority, children] = values;
  if (total == null || women == null || men == null || ethnicMinority == null) {
    const found = PARTICIPANT_KEYS.flatMap((k, i) => (values[i] == null ? [] : [`${COUNT_PRINT[k]}${values[i]}`]));
    problems.push({ field: "participants", token: found.join(" "), reason: "incomplete" });
    return undefined;
  }
  return { total, women, men, ethnicMinority, childrenUnder16: children ?? 0 };
}

// Neighbouring words nobody understood come back as one phrase ("Nậm Xé" for a village not in
// the list); a count word without a number, a lone number and "loa kéo" each stand alone.
function unknownWords(items: readonly Item[], leftover: readonly number[]): string[] {
  const out: string[] = [];
  let prev = -2;
  for (const i of leftover) {
    const item = items[i];
    if (!item) continue;
    const word = item.seg.kind === "unknown";
    if (word && i === prev + 1 && !item.first.barrier && out.length > 0) out[out.length - 1] += ` ${item.raw}`;
    else out.push(item.raw);
    prev = word ? i : -2;
  }
  return [...new Set(out)];
}
