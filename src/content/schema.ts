// Shared pieces of every content loader: where content lives, how a citation looks,
// how approved ethnic-language translations look, and one error type that names
// the file, the entry and the field, so a content editor can fix it without reading code.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** content/ at the project root, so loaders work from any cwd (server, tests, scripts). */
export const CONTENT_DIR = resolve(import.meta.dirname, "../../content");

export type ContentIssue = { file: string; id: string; field: string; problem: string };

export function formatIssue(i: ContentIssue): string {
  return `${i.file}: ${i.id}: ${i.field}: ${i.problem}`;
}

export class ContentError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(`Invalid content (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${issues.map(formatIssue).join("\n")}`);
    this.name = "ContentError";
  }
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new ContentError([{ file: displayPath(path), id: "(file)", field: "-", problem: `cannot read: ${(e as Error).message}` }]);
  }
}

export function readYaml(path: string): unknown {
  const text = readText(path);
  try {
    return parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    throw new ContentError([{ file: displayPath(path), id: "(file)", field: "-", problem: `not valid YAML: ${(e as Error).message}` }]);
  }
}

/** "source[0].url" from a zod path. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "") || "(entry)";
}

export function zodIssues(file: string, id: string, error: z.ZodError, prefix: PropertyKey[] = []): ContentIssue[] {
  return error.issues.map((i) => ({ file, id, field: fieldName([...prefix, ...i.path]), problem: i.message }));
}

/**
 * A citation. Safety rule: hotline numbers, dates and legal facts come only from
 * docs/reference/project8.md, so `doc` names its section and the seed or URL the doc
 * names there, with the date the doc gives ("undated" when the doc says so).
 */
export const SourceSchema = z
  .strictObject({
    doc: z.string({ error: "required: the project8.md section, e.g. 'project8.md §2'" }).regex(/^project8\.md §\d+(\.\d+)*/, "must start with 'project8.md §<section>'"),
    url: z.string().trim().min(1).optional(),
    seed: z.string().regex(/^seed \d{3}/, "must look like 'seed 000 III.1.1'").optional(),
    date: z.string().trim().min(1).optional(),
  })
  .refine((s) => s.url !== undefined || s.seed !== undefined, { message: "needs the url or seed that project8.md names" })
  .refine((s) => s.url === undefined || s.date !== undefined, { message: "a url needs the date project8.md gives (or 'undated')", path: ["date"] });
export type Source = z.infer<typeof SourceSchema>;

export const nonEmpty = (what = "text") => z.string({ error: `required: ${what}` }).trim().min(1, `required: ${what}`);

/** vi and en are both required: the bot's two authored languages. */
export const TextSchema = z.strictObject({ vi: nonEmpty("Vietnamese text (vi)"), en: nonEmpty("English text (en)") });
export type Text = z.infer<typeof TextSchema>;

const LANG_CODE = /^[a-z]{2,3}(-[a-z0-9]+)?$/;

/**
 * Ethnic-language text (docs/reference/project8.md §5): never invented or machine-translated; only
 * Union-approved text, each with approved_by and date. vi/en do not belong here.
 */
export function translationsSchema<T extends z.ZodRawShape>(shape: T) {
  const entry = z.strictObject({
    approved_by: nonEmpty("approved_by (the Union reviewer who approved this translation, project8.md §5)"),
    date: z.iso.date({ error: "required: date of approval (YYYY-MM-DD, project8.md §5)" }),
    ...shape,
  });
  return z
    .record(z.string().regex(LANG_CODE, "language code like 'hmn'"), entry)
    .superRefine((rec, ctx) => {
      for (const lang of Object.keys(rec)) {
        if (lang === "vi" || lang === "en") ctx.addIssue({ code: "custom", path: [lang], message: "vi and en belong in the main text, not in translations" });
      }
    })
    .default({});
}

/** Characters as a phone shows them (code points, not UTF-16 units). */
export const charCount = (s: string): number => [...s].length;
