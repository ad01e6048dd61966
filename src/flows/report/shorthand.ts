// The one-message session report for team leaders on bad signal:
//   BC 12/6 Nam Xe tao hon, san khau 45 nguoi nu30 nam15 dtts40 hmong
// The grammar (order-free, with or without diacritics, abbreviations) is in docs/shorthand.md;
// the words are in shorthand-lexicon.ts. The parser only reads: it never reads the clock,
// never checks "not in the future / not older than 90 days", women + men = total or the
// team's permissions; the report flow does, and asks for each missing field on its own.
import type { ReportField, SessionReport } from "./types.js";
import { CASE_KEYS, COUNT_PRINT, FORMAT_PRINT, HELP_WORDS, LANGUAGE_PRINT, PIONEERS_PRINT, PLACE_KEYS, type CountKey } from "./shorthand-lexicon.js";
import { parseToday } from "./shorthand-date.js";
import { readFields, type Problem } from "./shorthand-fields.js";
import { prepareVillages, segment } from "./shorthand-segment.js";
import { splitNotes, stripPrefix, tokenize } from "./shorthand-tokens.js";

export { MAX_COUNT, type ProblemReason } from "./shorthand-fields.js";

export interface ShorthandContext {
  /** YYYY-MM-DD, Vietnam time; a date without a year is read relative to it */
  today: string;
  /** the team's villages (thôn/bản), as they should be stored */
  villages: string[];
}

export type ShorthandResult =
  | { kind: "help" }
  | { kind: "not_shorthand" } // does not start with BC
  | {
      kind: "parsed";
      report: Partial<SessionReport>;
      missing: ReportField[];
      problems: { field: ReportField; token: string; reason: string }[];
      unknown: string[];
    };

/** What a report cannot be saved without; the flow asks for each one that is missing. */
export const REQUIRED_FIELDS: ReportField[] = ["date", "village", "topics", "format", "participants", "languages"];

/**
 * Reads a shorthand report. Never throws on any text (only on a malformed ctx.today, which is
 * a programming error). Every required field is in exactly one of report, problems, missing.
 */
export function parseShorthand(text: string, ctx: ShorthandContext): ShorthandResult {
  const today = parseToday(ctx.today);
  const body = stripPrefix(String(text));
  if (body === null) return { kind: "not_shorthand" };
  const { lines, notes } = splitNotes(body);
  const tokens = tokenize(lines);
  if (notes === null && isHelpRequest(tokens.map((t) => t.word), lines)) return { kind: "help" };

  const segments = segment(tokens, prepareVillages(ctx.villages));
  const { report, problems, unknown } = readFields(segments, tokens, today);
  report.notes = notes;
  const problemFields = new Set(problems.map((p: Problem) => p.field));
  const missing = REQUIRED_FIELDS.filter((f) => report[f] === undefined && !problemFields.has(f));
  return { kind: "parsed", report, missing, problems, unknown };
}

// "BC ?", "BC help", "BC hd", "BC hướng dẫn?". A bare "BC" is a report with every field
// missing, so the flow simply asks for each one.
function isHelpRequest(words: readonly string[], lines: readonly string[]): boolean {
  if (words.length === 0) return lines.some((l) => /[?？]/u.test(l));
  return HELP_WORDS.has(words.join(" "));
}

/**
 * The canonical one-line form, read back by parseShorthand into the same report:
 * "BC 12/06/2026; Nậm Xe; tao-hon; san-khau; tong45 nu30 nam15 dtts40 tre0; hmong; tl0 cg1 phbl1 cgdctc1 ntp loa-keo to-roi; gc: ..."
 * Photos have no shorthand and are left out; line breaks in notes become spaces. "Men were not
 * pioneers" (false) has no word either: it prints as not said.
 */
export function printShorthand(report: SessionReport): string {
  const [y, m, d] = report.date.split("-");
  const p = report.participants;
  const counts = [
    `${COUNT_PRINT.total}${p.total}`,
    `${COUNT_PRINT.women}${p.women}`,
    `${COUNT_PRINT.men}${p.men}`,
    `${COUNT_PRINT.ethnicMinority}${p.ethnicMinority}`,
    `${COUNT_PRINT.childrenUnder16}${p.childrenUnder16}`,
  ].join(" ");
  const keyed = (keys: readonly CountKey[], counts: Partial<Record<string, number>> | null): string[] => {
    if (counts === null) return [];
    const found = keys.flatMap((k) => {
      const n = counts[k.slice(k.indexOf(":") + 1)];
      return n ? [`${COUNT_PRINT[k]}${n}`] : [];
    });
    // Asked and none: "phbl0" says so, where leaving it out would mean "not said".
    return found.length > 0 ? found : [`${COUNT_PRINT[keys[0]!]}0`];
  };
  const extra = [
    ...(report.materials === null ? [] : [`${COUNT_PRINT.materials}${report.materials}`]),
    `${COUNT_PRINT.referred}${report.referred}`,
    ...keyed(CASE_KEYS, report.casesDetected),
    ...keyed(PLACE_KEYS, report.referredTo),
    ...(report.menPioneers ? [PIONEERS_PRINT] : []),
    ...report.equipment,
    ...report.materialKinds,
  ].join(" ");
  const parts = [
    `BC ${d}/${m}/${y}`,
    report.village,
    report.topics.join(", "),
    FORMAT_PRINT[report.format],
    counts,
    report.languages.map((l) => LANGUAGE_PRINT[l]).join(", "),
    extra,
  ];
  const notes = report.notes?.replace(/\s*[\r\n\u2028\u2029\u0085\v\f]+\s*/gu, " ").trim();
  if (notes) parts.push(`gc: ${notes}`);
  return parts.join("; ");
}
