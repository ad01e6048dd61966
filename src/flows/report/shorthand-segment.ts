// Splits the token list into phrases: lexicon words, a village, numbers, dates, unknown words.
// A greedy longest match would read "nam can huyet" (team village "Nam Cang") as the village
// with a typo and leave "huyet" over; instead the split is chosen over the whole line:
// fewest unknown words first, then fewest phrases (longer matches), then fewest typos.
import { withinOneEdit } from "../../safety/fuzzy.js";
import { LEXICON, type Meaning } from "./shorthand-lexicon.js";
import { tokenize, type Token } from "./shorthand-tokens.js";

export type Segment =
  | { kind: "lex"; start: number; end: number; meaning: Meaning }
  | { kind: "village"; start: number; end: number; name: string }
  | { kind: "num" | "date" | "unknown"; start: number; end: number };

export interface Village { name: string; words: string[]; compact: string }

/** The team's villages, folded the way the message is. Names that fold to nothing are dropped. */
export function prepareVillages(names: readonly string[]): Village[] {
  const out: Village[] = [];
  for (const name of names) {
    const words = tokenize([String(name)]).map((t) => t.word);
    if (words.length > 0) out.push({ name, words, compact: words.join("") });
  }
  return out;
}

// One typo (Damerau, one edit) is forgiven in a village word of four letters or more.
const TYPO_MIN_LENGTH = 4;

function matchVillage(tokens: readonly Token[], i: number, v: Village): { end: number; typos: number } | null {
  const first = tokens[i];
  if (first && v.words.length > 1 && first.kind === "word" && first.word === v.compact) return { end: i + 1, typos: 0 };
  if (i + v.words.length > tokens.length) return null;
  let typos = 0;
  for (let k = 0; k < v.words.length; k++) {
    const tok = tokens[i + k];
    const w = v.words[k] ?? "";
    if (!tok || tok.kind === "date" || (k > 0 && tok.barrier)) return null;
    if (tok.word === w) continue;
    if (w.length < TYPO_MIN_LENGTH || tok.kind !== "word" || !withinOneEdit(tok.word, w)) return null;
    typos++;
  }
  return { end: i + v.words.length, typos };
}

function matchEntryWords(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  if (i + words.length > tokens.length) return false;
  for (let k = 0; k < words.length; k++) {
    const tok = tokens[i + k];
    if (!tok || tok.kind === "date" || tok.word !== words[k] || (k > 0 && tok.barrier)) return false;
  }
  return true;
}

interface Candidate { seg: Segment; unknown: number; typos: number }

function candidates(tokens: readonly Token[], i: number, villages: readonly Village[]): Candidate[] {
  const tok = tokens[i];
  if (!tok) return [];
  if (tok.kind === "date") return [{ seg: { kind: "date", start: i, end: i + 1 }, unknown: 0, typos: 0 }];
  const out: Candidate[] = [];
  // Keywords are listed before villages, so on a full tie a keyword wins.
  for (const e of LEXICON.get(tok.word) ?? []) {
    if (!matchEntryWords(tokens, i, e.words)) continue;
    if (e.accents && !e.accents.includes(tok.raw.toLowerCase())) continue;
    out.push({ seg: { kind: "lex", start: i, end: i + e.words.length, meaning: e.meaning }, unknown: 0, typos: 0 });
  }
  for (const v of villages) {
    const m = matchVillage(tokens, i, v);
    if (m) out.push({ seg: { kind: "village", start: i, end: m.end, name: v.name }, unknown: 0, typos: m.typos });
  }
  const single = tok.kind === "num" ? "num" : "unknown";
  out.push({ seg: { kind: single, start: i, end: i + 1 }, unknown: single === "unknown" ? 1 : 0, typos: 0 });
  return out;
}

interface Cost { unknown: number; segments: number; typos: number }

function better(a: Cost, b: Cost): boolean {
  if (a.unknown !== b.unknown) return a.unknown < b.unknown;
  if (a.segments !== b.segments) return a.segments < b.segments;
  return a.typos < b.typos;
}

export function segment(tokens: readonly Token[], villages: readonly Village[]): Segment[] {
  const n = tokens.length;
  const cost: Cost[] = new Array<Cost>(n + 1);
  const choice: Segment[] = new Array<Segment>(n);
  cost[n] = { unknown: 0, segments: 0, typos: 0 };
  for (let i = n - 1; i >= 0; i--) {
    let best: Cost | null = null;
    for (const c of candidates(tokens, i, villages)) {
      const rest = cost[c.seg.end];
      if (!rest) continue;
      const total = { unknown: rest.unknown + c.unknown, segments: rest.segments + 1, typos: rest.typos + c.typos };
      if (best === null || better(total, best)) {
        best = total;
        choice[i] = c.seg;
      }
    }
    cost[i] = best ?? { unknown: Infinity, segments: Infinity, typos: Infinity };
  }
  const out: Segment[] = [];
  for (let i = 0; i < n; ) {
    const seg = choice[i];
    if (!seg) break;
    out.push(seg);
    i = seg.end;
  }
  return out;
}
