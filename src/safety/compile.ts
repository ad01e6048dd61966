// Turns the phrase data into lookup structures, once, at module load.
import { tokenize } from "./normalize.js";
import type { DangerCategory, PhraseGroup } from "./phrases.js";

/** One word of a compiled phrase; "*" matches any word (exclusions only). */
export interface WordSpec {
  word: string;
  /** accented spellings the typed word may have; null = accents not checked */
  accents: readonly string[] | null;
}

export interface CompiledPhrase {
  words: readonly WordSpec[];
  severity: 1 | 2 | 3;
  category: DangerCategory;
  display: string;
  anchorStart: boolean;
  anchorEnd: boolean;
}

export interface WordTrie {
  next: Map<string, WordTrie>;
  phrases: CompiledPhrase[];
}

/** Expand "[a|b|]" alternatives; returns every combination with spaces tidied. */
export function expandTemplate(template: string): string[] {
  let out = [""];
  const re = /\[([^\]]*)\]|([^[]+)/g;
  for (const m of template.matchAll(re)) {
    const alts = m[1] !== undefined ? m[1].split("|") : [m[2] ?? ""];
    const next: string[] = [];
    for (const prefix of out) for (const alt of alts) next.push(prefix + alt);
    out = next;
  }
  return out.map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => s.length > 0);
}

interface Parsed {
  words: { word: string; typed: string | null }[];
  anchorStart: boolean;
  anchorEnd: boolean;
  accented: boolean;
}

function parse(text: string): Parsed {
  let s = text.trim();
  const anchorStart = s.startsWith("^");
  const anchorEnd = s.endsWith("$");
  s = s.replace(/^\^|\$$/g, "");
  const words: Parsed["words"] = [];
  const pieces = s.includes("*") ? s.split(" ") : [s];
  for (const piece of pieces) {
    if (piece === "*") words.push({ word: "*", typed: null });
    else for (const t of tokenize(piece)) words.push({ word: t.word, typed: t.expanded ? null : (t.accent ?? t.word) });
  }
  return { words, anchorStart, anchorEnd, accented: /[^\x00-\x7f]/.test(s) };
}

const keyOf = (p: Parsed): string =>
  `${p.anchorStart ? "^" : ""}${p.words.map((w) => w.word).join(" ")}${p.anchorEnd ? "$" : ""}`;

// Phrases share most of their words; one WordSpec per (word, spellings) keeps the lists small.
const interned = new Map<string, WordSpec>();
function spec(word: string, accents: readonly string[] | null): WordSpec {
  const key = accents === null ? word : `${word}\u0000${accents.join("\u0000")}`;
  let s = interned.get(key);
  if (!s) interned.set(key, (s = { word, accents }));
  return s;
}

/** Word sequences with accents: accented text keeps its spellings; plain text borrows them from `dict`. */
export function toSpecs(p: Parsed, dict: Map<string, string[]> | null): WordSpec[] {
  return p.words.map((w) => {
    if (w.typed === null) return spec(w.word, null);
    if (p.accented) return spec(w.word, [w.typed]);
    return spec(w.word, dict?.get(w.word) ?? null);
  });
}

export function compilePhrases(groups: readonly PhraseGroup[]): CompiledPhrase[] {
  const parsed: { p: Parsed; g: PhraseGroup; display: string }[] = [];
  for (const g of groups)
    for (const t of g.phrases)
      for (const text of expandTemplate(t)) parsed.push({ p: parse(text), g, display: text.replace(/^\^|\$$/g, "").trim() });
  const spellings = new Map<string, Set<string>>();
  const accentedKeys = new Set<string>();
  for (const { p } of parsed) {
    if (!p.accented) continue;
    accentedKeys.add(keyOf(p));
    for (const w of p.words) if (w.typed !== null) spellings.set(w.word, (spellings.get(w.word) ?? new Set()).add(w.typed));
  }
  const dict = new Map([...spellings].map(([w, set]) => [w, [...set]]));
  const byKey = new Map<string, CompiledPhrase>();
  for (const { p, g, display } of parsed) {
    if (p.words.length === 0) continue;
    const key = keyOf(p);
    if (!p.accented && accentedKeys.has(key)) continue; // the accented twin covers plain input too
    const words = toSpecs(p, dict);
    const fullKey = `${key}\u0001${words.map((w) => w.accents?.join(",") ?? "").join("\u0001")}`;
    const old = byKey.get(fullKey);
    if (old && old.severity >= g.severity) continue;
    byKey.set(fullKey, {
      words, severity: g.severity, category: g.category, display, anchorStart: p.anchorStart, anchorEnd: p.anchorEnd,
    });
  }
  return [...byKey.values()];
}

/** Exclusions and topic cues: word sequences (with "*"), accents kept as written. */
export function compileSequences(templates: readonly string[]): WordSpec[][] {
  const out: WordSpec[][] = [];
  for (const t of templates) for (const s of expandTemplate(t)) out.push(toSpecs(parse(s), null));
  return out.filter((w) => w.length > 0);
}

export function buildWordTrie(phrases: readonly CompiledPhrase[]): WordTrie {
  const root: WordTrie = { next: new Map(), phrases: [] };
  for (const ph of phrases) {
    let node = root;
    for (const w of ph.words) {
      let child = node.next.get(w.word);
      if (!child) node.next.set(w.word, (child = { next: new Map(), phrases: [] }));
      node = child;
    }
    node.phrases.push(ph);
  }
  return root;
}
