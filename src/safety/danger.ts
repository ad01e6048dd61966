// The danger detector: every inbound text passes here before any flow sees it (bot/route.ts runs it first, even mid-form or while a person holds the conversation).
// Rules, normalisation and fuzzy matching only; no model. Missing a cry for help is worse than a
// false alarm, so tolerance leans towards matching. Never log the text: it is a private disclosure.
import { isWellFormedSyllable, tokenize, type Token } from "./normalize.js";
import { accentOk, isTransposition, withinOneEdit } from "./fuzzy.js";
import { FILLERS, PHRASE_GROUPS } from "./phrases.js";
import { buildWordTrie, compilePhrases, type CompiledPhrase, type WordTrie } from "./compile.js";
import { buildCompactIndex, compactHits } from "./compact.js";
import { suppressor, type Hit } from "./context.js";

export interface DangerMatch {
  severity: 1 | 2 | 3;
  category: string;
  /** the phrase from phrases.ts that matched (never the user's text) */
  phrase: string;
}

const PHRASES = compilePhrases(PHRASE_GROUPS);
const TRIE = buildWordTrie(PHRASES);
const COMPACT = buildCompactIndex(PHRASES);
const FILLER_SET = new Set(FILLERS);
const VOCAB_BY_LEN = new Map<number, string[]>();
for (const w of new Set(PHRASES.flatMap((p) => p.words.map((s) => s.word)))) {
  const list = VOCAB_BY_LEN.get(w.length);
  if (list) list.push(w);
  else VOCAB_BY_LEN.set(w.length, [w]);
}

/** The most severe danger phrase in `text`, or null. Pure and synchronous. */
export function detectDanger(text: string): DangerMatch | null {
  if (typeof text !== "string" || text.length === 0) return null;
  const toks = tokenize(text);
  if (toks.length === 0) return null;
  const hits: Hit[] = [];
  wordHits(toks, hits);
  compactHits(COMPACT, toks, hits);
  const suppressed = suppressor(toks, hits);
  let best: Hit | null = null;
  for (const h of hits) {
    if (best && !better(h, best)) continue;
    if (suppressed(h)) continue;
    best = h;
  }
  return best && { severity: best.phrase.severity, category: best.phrase.category, phrase: best.phrase.display };
}

const better = (a: Hit, b: Hit): boolean =>
  a.phrase.severity !== b.phrase.severity
    ? a.phrase.severity > b.phrase.severity
    : a.start !== b.start ? a.start < b.start : a.end > b.end;

// Phrase words each typed word may stand for: itself, and, when it is not a well-formed syllable,
// any phrase word one edit away (≥ 4 letters) or one swap away (3 letters). Well-formed syllables
// are left alone: "dang" (đang) is a real word, not a typo of "danh" (đánh).
function candidates(tok: Token, cache: Map<string, Map<string, number>>): Map<string, number> {
  const key = tok.expanded ? `+${tok.word}` : tok.word;
  const cached = cache.get(key);
  if (cached) return cached;
  const out = new Map<string, number>([[tok.word, 0]]);
  const w = tok.word;
  if (!tok.expanded && w.length >= 3 && !isWellFormedSyllable(w)) {
    for (let len = w.length - 1; len <= w.length + 1; len++) {
      for (const v of VOCAB_BY_LEN.get(len) ?? []) {
        if (v === w) continue;
        if (v.length >= 4 ? withinOneEdit(w, v) : v.length === 3 && isTransposition(w, v)) out.set(v, 1);
      }
    }
  }
  cache.set(key, out);
  return out;
}

// Walks the phrase trie from every word; up to two fillers may be skipped between phrase words.
function wordHits(toks: readonly Token[], hits: Hit[]): void {
  const cache = new Map<string, Map<string, number>>();
  const cands = toks.map((t) => candidates(t, cache));
  const n = toks.length;
  const matched: number[] = [];
  const kinds: number[] = [];

  const accept = (ph: CompiledPhrase): void => {
    const first = matched[0] ?? 0;
    const last = matched[matched.length - 1] ?? 0;
    if ((ph.anchorStart && first !== 0) || (ph.anchorEnd && last !== n - 1)) return;
    let typos = 0;
    for (let k = 0; k < matched.length; k++) {
      const tok = toks[matched[k] ?? 0];
      if (kinds[k] === 1) typos++;
      else if (!accentOk(tok?.accent ?? null, ph.words[k]?.accents ?? null)) return;
    }
    // One typo per phrase, two from four words; a single word must be spelt right (or be run-together text).
    const budget = ph.words.length === 1 ? 0 : ph.words.length >= 4 ? 2 : 1;
    if (typos > budget) return;
    hits.push({ phrase: ph, start: toks[first]?.start ?? 0, end: toks[last]?.end ?? 0, first, last });
  };

  const walk = (node: WordTrie, j: number, fillers: number, arrived: boolean): void => {
    if (arrived) for (const ph of node.phrases) accept(ph);
    if (j >= n || node.next.size === 0) return;
    for (const [w, kind] of cands[j] ?? []) {
      const child = node.next.get(w);
      if (!child) continue;
      matched.push(j);
      kinds.push(kind);
      walk(child, j + 1, fillers, true);
      matched.pop();
      kinds.pop();
    }
    if (node !== TRIE && fillers < 2 && FILLER_SET.has(toks[j]?.word ?? "")) walk(node, j + 1, fillers + 1, false);
  };
  for (let i = 0; i < n; i++) walk(TRIE, i, 0, false);
}
