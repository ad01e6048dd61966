// The campaign calendar (content/campaigns.yaml): the campaign months and days of observance,
// every date with the source docs/reference/project8.md §3 gives. Days are Vietnam days
// (UTC+7, no daylight saving), whatever the server's time zone.
import { join } from "node:path";
import { z } from "zod";
import { CONTENT_DIR, ContentError, SourceSchema, TextSchema, displayPath, readYaml, zodIssues } from "../content/schema.js";

const MMDD = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "a day as \"MM-DD\"");

const EntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and '-'"),
    kind: z.enum(["month", "day"]),
    start: MMDD,
    end: MMDD.optional(),
    name: TextSchema,
    legal_basis: z.string().trim().min(1).optional(),
    source: z.array(SourceSchema).min(1, "every date needs a source (project8.md §3 + URL)"),
  })
  .refine((e) => e.kind === "day" || e.end !== undefined, { message: "a campaign month needs its end", path: ["end"] });

export type CalendarEntry = z.infer<typeof EntrySchema>;

export function loadCalendar(dir: string = CONTENT_DIR): CalendarEntry[] {
  const path = join(dir, "campaigns.yaml");
  const file = displayPath(path);
  const doc = readYaml(path) as { entries?: unknown[] } | null;
  if (!doc || !Array.isArray(doc.entries)) throw new ContentError([{ file, id: "(file)", field: "entries", problem: "expected a list under 'entries:'" }]);
  const out: CalendarEntry[] = [];
  const issues = doc.entries.flatMap((raw, i) => {
    const id = `entry ${String((raw as { id?: unknown } | null)?.id ?? `#${i + 1}`)}`;
    const parsed = EntrySchema.safeParse(raw);
    if (!parsed.success) return zodIssues(file, id, parsed.error);
    if (out.some((e) => e.id === parsed.data.id)) return [{ file, id, field: "id", problem: "duplicate id" }];
    out.push(parsed.data);
    return [];
  });
  if (issues.length > 0) throw new ContentError(issues);
  return out;
}

let cached: CalendarEntry[] | null = null;
export function defaultCalendar(): CalendarEntry[] {
  return (cached ??= loadCalendar());
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** "YYYY-MM-DD" of this instant in Vietnam. */
export function vietnamDay(now: Date): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export interface Occurrence {
  entry: CalendarEntry;
  year: number;
  /** First and last day, "YYYY-MM-DD" (a period across New Year ends the next year). */
  from: string;
  to: string;
}

export function occurrence(entry: CalendarEntry, year: number): Occurrence {
  const end = entry.end ?? entry.start;
  const endYear = end < entry.start ? year + 1 : year;
  return { entry, year, from: `${year}-${entry.start}`, to: `${endYear}-${end}` };
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

export interface NextCampaign {
  occurrence: Occurrence;
  /** Every campaign month of that same start (June has two). */
  together: Occurrence[];
  /** 0 while it runs; else days until its first day. */
  daysUntil: number;
  running: boolean;
}

/** The campaign month running now, else the next to start (earliest first; ties in file order). */
export function nextCampaignMonth(now: Date, entries: CalendarEntry[] = defaultCalendar()): NextCampaign | null {
  const today = vietnamDay(now);
  const year = Number(today.slice(0, 4));
  const candidates = entries
    .filter((e) => e.kind === "month")
    .flatMap((e) => [occurrence(e, year - 1), occurrence(e, year), occurrence(e, year + 1)])
    .filter((o) => o.to >= today)
    .sort((a, b) => a.from.localeCompare(b.from));
  const first = candidates[0];
  if (!first) return null;
  const running = first.from <= today;
  const together = candidates.filter((o) => o.from === first.from);
  return { occurrence: first, together, running, daysUntil: running ? 0 : daysBetween(today, first.from) };
}

/** Every occurrence of the calendar in a year, in date order. */
export function yearCalendar(year: number, entries: CalendarEntry[] = defaultCalendar()): Occurrence[] {
  return entries.map((e) => occurrence(e, year)).sort((a, b) => a.from.localeCompare(b.from) || (a.entry.kind === "month" ? -1 : 1));
}
