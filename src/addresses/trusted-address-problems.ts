// What can be wrong with a trusted-address row, as a code. The CSV loader prints the English
// text below for content editors; the staff console shows the same code translated
// (locales/*/staff-directory.json "problem.<code>"), so both apply exactly one set of rules.
export const PROBLEMS = {
  required: "required",
  idFormat: "lower-case letters, digits and '-'",
  nameViRequired: "required: Vietnamese name",
  nameEnRequired: "required: English name",
  kind: "must be one of {{kinds}}",
  phoneChars: "digits, spaces and dots only",
  decimal: "not a decimal number",
  outsideVietnam: "outside Vietnam ({{min}}…{{max}})",
  date: "YYYY-MM-DD",
  sampleFlag: "must be 0 or 1",
  invalid: "invalid value",
  rowLength: "has {{got}} fields, expected {{want}}",
  duplicateId: "duplicate id",
  realRowInSampleFile: "the file is marked SAMPLE DATA; a real row needs a real file",
  unknownProvince: 'unknown province "{{code}}"',
  unknownCommune: 'unknown commune "{{code}}" (not in content/areas.yaml)',
  communeOtherProvince: 'belongs to province "{{actual}}", not "{{given}}"',
  samplePhone: "sample rows must use a placeholder starting 0000 (or none), so no real person is called",
  phoneFormat: "not a Vietnamese phone number (0 + 9 or 10 digits)",
  verifiedByRequired: "required: the person who checked this row (project8.md §1.2, §4.2)",
  effectiveFromRequired: "required for a verified row",
  hoursBoth: "give hours in both vi and en, or neither",
  notCsv: "not valid CSV: {{message}}",
  noHeader: "no header line",
  header: "columns must be exactly: {{columns}}",
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
export type ProblemVars = Record<string, string | number>;
export type RowError = { line: number; field: string; problem: string; code: ProblemCode; vars?: ProblemVars };

export function isProblemCode(s: string): s is ProblemCode {
  return Object.hasOwn(PROBLEMS, s);
}

export function rowError(line: number, field: string, code: ProblemCode, vars?: ProblemVars): RowError {
  const problem = PROBLEMS[code].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars?.[k] ?? ""));
  return vars ? { line, field, problem, code, vars } : { line, field, problem, code };
}
