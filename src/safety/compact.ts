// Matching text typed without spaces ("chongdanhem", "ckdanhe", "cuutoi"): an index of each
// phrase's words joined, and the search over the words of a message that are not syllables.
import { ABBREVIATIONS, isWellFormedSyllable, type Token } from "./normalize.js";
import { findApprox } from "./fuzzy.js";
import type { CompiledPhrase } from "./compile.js";
import type { Hit } from "./context.js";

export interface CompactIndex {
  /** compact spelling (words joined, abbreviations allowed) → phrase */
  exact: Map<string, CompiledPhrase>;
  /** the same spellings, sorted, for prefix walks that stop at the first dead end */
  sorted: readonly string[];
  maxLength: number;
  /** spellings long enough to tolerate one typo, with a trigram index for candidates */
  fuzzy: readonly { pattern: string; phrase: CompiledPhrase }[];
  trigrams: Map<string, number[]>;
}

// Run-together text is typed without a Vietnamese keyboard and often with chat spellings
// ("ckdanhe"), so compact spellings also swap words for their abbreviations.
const SHORT_FORMS = new Map<string, string[]>();
for (const [abbr, full] of Object.entries(ABBREVIATIONS)) {
  const k = full.replace(/ /g, "");
  const list = SHORT_FORMS.get(k) ?? [];
  if (list.length < 2) SHORT_FORMS.set(k, [...list, abbr]);
}
const MULTI_WORD = [...Object.entries(ABBREVIATIONS)].filter(([, full]) => full.includes(" "));

function compactSpellings(words: readonly string[]): string[] {
  let out = [""];
  for (const w of words) {
    const shorts = SHORT_FORMS.get(w);
    out = shorts ? out.flatMap((p) => [p + w, ...shorts.map((a) => p + a)]).slice(0, 8) : out.map((p) => p + w);
  }
  const joined = words.join("");
  for (const [abbr, full] of MULTI_WORD) {
    const k = full.replace(/ /g, "");
    if (joined.includes(k)) out.push(joined.replace(k, abbr));
  }
  return out;
}

// Five letters count only as a whole word ("cuuem"); six or more anywhere in a run-together word
// ("emcuutoi"). A typo is tolerated from eight letters ("chongdahnem"), where one slip rarely
// lands on some other phrase; shorter spellings are too close to each other.
const MIN_COMPACT = 5;
const MIN_ANYWHERE = 6;
const MIN_FUZZY_COMPACT = 8;
const MAX_FUZZY_TOKENS = 8;

export function buildCompactIndex(phrases: readonly CompiledPhrase[]): CompactIndex {
  const exact = new Map<string, CompiledPhrase>();
  const fuzzy: { pattern: string; phrase: CompiledPhrase }[] = [];
  const seenFuzzy = new Set<string>();
  for (const ph of phrases) {
    const words = ph.words.map((w) => w.word);
    for (const s of compactSpellings(words)) {
      if (s.length < MIN_COMPACT) continue;
      const old = exact.get(s);
      if (!old || old.severity < ph.severity) exact.set(s, ph);
    }
    const base = words.join("");
    if (base.length >= MIN_FUZZY_COMPACT && !ph.anchorStart && !ph.anchorEnd && !seenFuzzy.has(base)) {
      seenFuzzy.add(base);
      fuzzy.push({ pattern: base, phrase: ph });
    }
  }
  const trigrams = new Map<string, number[]>();
  fuzzy.forEach(({ pattern }, idx) => {
    const seen = new Set<string>();
    for (let i = 0; i + 3 <= pattern.length; i++) {
      const g = pattern.slice(i, i + 3);
      if (seen.has(g)) continue;
      seen.add(g);
      const list = trigrams.get(g);
      if (list) list.push(idx);
      else trigrams.set(g, [idx]);
    }
  });
  const sorted = [...exact.keys()].sort();
  const maxLength = sorted.reduce((m, k) => Math.max(m, k.length), 0);
  return { exact, sorted, maxLength, fuzzy, trigrams };
}

/** First index in sorted[lo, hi) whose value is ≥ key. */
function lowerBound(sorted: readonly string[], key: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? "") < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Character → token index over the compact string, and which tokens are words run together. */
function compactLayout(toks: readonly Token[]): { compact: string; owner: Int32Array; run: boolean[] } {
  const compact = toks.map((t) => t.word).join("");
  const owner = new Int32Array(compact.length);
  toks.forEach((t, k) => owner.fill(k, t.start, t.end));
  const run = toks.map((t) => !t.expanded && !isWellFormedSyllable(t.word));
  return { compact, owner, run };
}

// Text typed without spaces ("chongdanhem", "ckdanhe", "cuutoi"). Only spans that touch a
// run-together word are tried, and they must start and end on a word edge or inside such a
// word, so "sếp cười" never yields "ép cưới".
export function compactHits(index: CompactIndex, toks: readonly Token[], hits: Hit[]): void {
  const { compact, owner, run } = compactLayout(toks);
  if (!run.includes(true)) return;
  const edgeStart = (p: number): boolean => toks[owner[p] ?? 0]?.start === p || run[owner[p] ?? 0] === true;
  const edgeEnd = (e: number): boolean => toks[owner[e - 1] ?? 0]?.end === e || run[owner[e - 1] ?? 0] === true;
  const seen = new Set<string>();
  let fuzzyTokens = 0;
  toks.forEach((r, k) => {
    if (!run[k]) return;
    for (let p = Math.max(0, r.start - index.maxLength + 1); p < r.end; p++) {
      if (!edgeStart(p)) continue;
      for (const e of compactEnds(index, compact, p)) {
        if (e <= r.start || seen.has(`${p}:${e}`)) continue;
        const ph = index.exact.get(compact.slice(p, e));
        if (!ph || !edgeEnd(e)) continue;
        if (e - p < MIN_ANYWHERE && !(toks[owner[p] ?? 0]?.start === p && toks[owner[p] ?? 0]?.end === e)) continue;
        if ((ph.anchorStart && p !== 0) || (ph.anchorEnd && e !== compact.length)) continue;
        seen.add(`${p}:${e}`);
        hits.push({ phrase: ph, start: p, end: e, first: owner[p] ?? 0, last: owner[e - 1] ?? 0 });
      }
    }
    if (r.word.length < MIN_FUZZY_COMPACT || r.word.length > 64 || fuzzyTokens++ >= MAX_FUZZY_TOKENS) return;
    for (const [idx, shared] of sharedTrigrams(index, r.word)) {
      const f = index.fuzzy[idx];
      if (!f || shared < 2 || f.pattern.length > r.word.length + 1) continue;
      const at = findApprox(r.word, f.pattern);
      if (at) hits.push({ phrase: f.phrase, start: r.start + at[0], end: r.start + at[1], first: k, last: k });
    }
  });
}

/** Ends e such that compact[p, e) is a compact spelling; the walk stops at the first dead prefix. */
function compactEnds(index: CompactIndex, compact: string, p: number): number[] {
  const ends: number[] = [];
  const list = index.sorted;
  let lo = 0;
  let hi = list.length;
  for (let e = p + 1; e <= compact.length && e - p <= index.maxLength; e++) {
    const prefix = compact.slice(p, e);
    lo = lowerBound(list, prefix, lo, hi);
    if (lo >= hi || !(list[lo] ?? "").startsWith(prefix)) break;
    if (list[lo] === prefix) ends.push(e);
    hi = lowerBound(list, prefix + "\uffff", lo, hi);
  }
  return ends;
}

function sharedTrigrams(index: CompactIndex, word: string): Map<number, number> {
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) {
    const g = word.slice(i, i + 3);
    if (seen.has(g)) continue;
    seen.add(g);
    for (const idx of index.trigrams.get(g) ?? []) counts.set(idx, (counts.get(idx) ?? 0) + 1);
  }
  return counts;
}
