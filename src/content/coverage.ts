// What is missing per language: i18next locale keys (vi is the reference), topics and shipped
// hotline text. Run by `npm run content:coverage`; translators and the Union use it to see what
// to write next. Missing text is never filled in here: the bot falls back to Vietnamese (§5).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadAllHotlines } from "./hotlines.js";
import { CONTENT_DIR } from "./schema.js";
import { loadTopics } from "./topics.js";

export const LOCALES_DIR = resolve(import.meta.dirname, "../../locales");
export const REFERENCE_LANGUAGE = "vi";

export type LanguageCoverage = { missingLocaleKeys: string[]; missingTopics: string[]; missingHotlineText: string[] };
export type CoverageReport = { reference: string; languages: Record<string, LanguageCoverage> };

/** "menu.title"-style keys whose values are non-empty strings, prefixed with the namespace ("bot:menu.title"). */
function flatKeys(value: unknown, prefix: string, out: Set<string>): Set<string> {
  if (typeof value === "string") {
    if (value.trim() !== "") out.add(prefix);
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatKeys(v, prefix.endsWith(":") ? `${prefix}${k}` : `${prefix}.${k}`, out);
  }
  return out;
}

/** lang → set of "namespace:key" for every locales/<lang>/<namespace>.json. */
export function localeKeys(localesDir: string): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  if (!existsSync(localesDir)) return result;
  for (const lang of readdirSync(localesDir).sort()) {
    const dir = join(localesDir, lang);
    if (!statSync(dir).isDirectory()) continue;
    const keys = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      const ns = file.replace(/\.json$/, "");
      try {
        flatKeys(JSON.parse(readFileSync(join(dir, file), "utf8")), `${ns}:`, keys);
      } catch (e) {
        throw new Error(`${join(dir, file)}: not valid JSON: ${(e as Error).message}`);
      }
    }
    result.set(lang, keys);
  }
  return result;
}

export function contentCoverage(opts: { localesDir?: string; contentDir?: string } = {}): CoverageReport {
  const locales = localeKeys(opts.localesDir ?? LOCALES_DIR);
  const topics = loadTopics(opts.contentDir ?? CONTENT_DIR);
  const hotlines = loadAllHotlines(opts.contentDir ?? CONTENT_DIR).filter((h) => h.ship);
  const reference = locales.get(REFERENCE_LANGUAGE) ?? new Set<string>();

  const langs = new Set<string>(["en", ...locales.keys()]);
  for (const t of topics) for (const l of Object.keys(t.translations)) langs.add(l);
  for (const h of hotlines) for (const l of Object.keys(h.translations)) langs.add(l);
  langs.delete(REFERENCE_LANGUAGE);

  const languages: Record<string, LanguageCoverage> = {};
  for (const lang of [...langs].sort()) {
    const have = locales.get(lang) ?? new Set<string>();
    const missingTopics = topics
      .filter((t) => {
        if (lang === "en") return !t.title.en || t.messages.some((m) => !m.text.en);
        const tr = t.translations[lang];
        return !tr || t.messages.some((_, i) => !tr.messages[i]);
      })
      .map((t) => t.id);
    // en is required by the hotline loader, so only approved translations can be missing.
    const missingHotlineText = lang === "en" ? [] : hotlines.filter((h) => !h.translations[lang]).map((h) => h.id);
    languages[lang] = { missingLocaleKeys: [...reference].filter((k) => !have.has(k)).sort(), missingTopics, missingHotlineText };
  }
  return { reference: REFERENCE_LANGUAGE, languages };
}

export function formatCoverageTable(report: CoverageReport): string {
  const header = ["language", "locale keys missing", "topics missing", "hotline text missing"];
  const rows = Object.entries(report.languages).map(([lang, c]) => [lang, String(c.missingLocaleKeys.length), String(c.missingTopics.length), String(c.missingHotlineText.length)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line), `(reference: ${report.reference})`].join("\n");
}
