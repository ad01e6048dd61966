// Hotlines from content/hotlines.yaml. A wrong or unsourced number here could send a person
// in danger to nobody, so the loader refuses to start with one: every shipped line needs a
// docs/reference/project8.md citation and vi + en text, and ship:false lines (UNCONFIRMED in docs/reference/project8.md §2)
// never leave this module.
import { join } from "node:path";
import { z } from "zod";
import { CONTENT_DIR, ContentError, type ContentIssue, SourceSchema, TextSchema, displayPath, nonEmpty, readYaml, translationsSchema, zodIssues, type Source, type Text } from "./schema.js";

const HotlineSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and '-'"),
    number: nonEmpty("number as printed"),
    dial: z.string().regex(/^\d{3,15}$/, "digits only, for a phone button"),
    name: TextSchema,
    purpose: TextSchema,
    /** null = the doc does not confirm the cost: render nothing, never "free". */
    free: z.boolean().nullable(),
    /** null = hours not stated in the doc: render nothing. */
    hours: TextSchema.nullable(),
    /** §7.5: tell users when calls are recorded. */
    recorded: z.strictObject({ text: TextSchema, source: z.array(SourceSchema).min(1, "a recording notice needs a source") }).nullable().default(null),
    source: z.array(SourceSchema),
    /** Official province codes a provincial line serves; absent = a national line, offered everywhere. */
    provinces: z.array(z.string().regex(/^\d{2}$/, "two-digit official province code")).optional(),
    ship: z.boolean(),
    ship_note: nonEmpty("ship_note (why it ships as it does, or why not)"),
    translations: translationsSchema({ name: nonEmpty(), purpose: nonEmpty(), hours: nonEmpty().optional() }),
  })
  .superRefine((h, ctx) => {
    if (h.dial !== h.number.replace(/\D/g, "")) ctx.addIssue({ code: "custom", path: ["dial"], message: `must be the digits of number "${h.number}"` });
    if (!h.ship) return;
    if (h.source.length === 0) ctx.addIssue({ code: "custom", path: ["source"], message: "a shipped hotline needs at least one source (project8.md § + URL)" });
    if (/UNCONFIRMED/i.test(JSON.stringify([h.name, h.purpose, h.hours, h.recorded]))) {
      ctx.addIssue({ code: "custom", path: ["ship"], message: "shipped text mentions UNCONFIRMED: set ship: false" });
    }
  });

export type Hotline = Omit<z.infer<typeof HotlineSchema>, "source"> & { source: Source[] };

export function hotlinesFile(dir: string): string {
  return join(dir, "hotlines.yaml");
}

/** Every entry, shipped or not (for the staff console and coverage). Throws ContentError. */
export function loadAllHotlines(dir: string = CONTENT_DIR): Hotline[] {
  const path = hotlinesFile(dir);
  const file = displayPath(path);
  const doc = readYaml(path) as { hotlines?: unknown } | null;
  if (!doc || !Array.isArray(doc.hotlines)) {
    throw new ContentError([{ file, id: "(file)", field: "hotlines", problem: "expected a list under 'hotlines:'" }]);
  }
  const issues: ContentIssue[] = [];
  const out: Hotline[] = [];
  const seen = new Set<string>();
  doc.hotlines.forEach((raw: unknown, i) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = `hotline ${typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : `#${i + 1}`}`;
    const parsed = HotlineSchema.safeParse(raw);
    if (!parsed.success) return void issues.push(...zodIssues(file, id, parsed.error));
    if (seen.has(parsed.data.id)) issues.push({ file, id, field: "id", problem: "duplicate id" });
    seen.add(parsed.data.id);
    out.push(parsed.data);
  });
  if (issues.length > 0) throw new ContentError(issues);
  return out;
}

/** Shipped hotlines only: ship:false entries are excluded here and nowhere re-added. */
export function loadHotlines(dir: string = CONTENT_DIR): Hotline[] {
  return loadAllHotlines(dir).filter((h) => h.ship);
}

let cached: Hotline[] | null = null;

export function shippedHotlines(): Hotline[] {
  return (cached ??= loadHotlines(CONTENT_DIR));
}

/** The lines for one province: its own (none are sourced yet) and every national line. */
export function hotlinesFor(provinceCode: string | null, hotlines: Hotline[] = shippedHotlines()): Hotline[] {
  return hotlines.filter((h) => !h.provinces || (provinceCode !== null && h.provinces.includes(provinceCode)));
}

/** docs/reference/project8.md §7 rule 1: the first danger reply lists 113, 111 and 115, in that order. */
export const EMERGENCY_IDS = ["113", "111", "115"] as const;

export function emergencyHotlines(hotlines: Hotline[] = shippedHotlines()): Hotline[] {
  return EMERGENCY_IDS.map((id) => {
    const h = hotlines.find((x) => x.id === id && x.ship);
    // Fail loudly at start-up rather than answer a person in danger with fewer numbers.
    if (!h) throw new ContentError([{ file: "content/hotlines.yaml", id: `hotline ${id}`, field: "ship", problem: "emergency hotline missing or not shipped (project8.md §7 rule 1)" }]);
    return h;
  });
}

export type HotlineText = { lang: string; name: string; purpose: string; hours: string | null; recorded: string | null };

/**
 * Text in `lang`: vi, en, or a Union-approved translation; otherwise Vietnamese.
 * §5 rule 3: hotline messages are always also shown in Vietnamese; callers add the vi text when lang ≠ vi.
 */
export function hotlineText(h: Hotline, lang: string): HotlineText {
  const pick = (t: Text | null): string | null => (t ? (lang === "en" ? t.en : t.vi) : null);
  const tr = h.translations[lang];
  if (tr) return { lang, name: tr.name, purpose: tr.purpose, hours: tr.hours ?? pick(h.hours), recorded: pick(h.recorded?.text ?? null) };
  const used = lang === "en" ? "en" : "vi";
  return { lang: used, name: pick(h.name) ?? "", purpose: pick(h.purpose) ?? "", hours: pick(h.hours), recorded: pick(h.recorded?.text ?? null) };
}
