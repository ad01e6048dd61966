// What around a match cancels it: hard negatives ("đánh giá", "cứu trợ") and topic questions
// ("cách phòng tránh bị xâm hại", "kéo vợ có vi phạm pháp luật không").
import type { Token } from "./normalize.js";
import { isWellFormedSyllable } from "./normalize.js";
import { accentOk } from "./fuzzy.js";
import { compileSequences, type CompiledPhrase, type WordSpec } from "./compile.js";
import { EXCLUSIONS, TOPIC_AFTER, TOPIC_BEFORE } from "./phrases.js";

export interface Hit {
  phrase: CompiledPhrase;
  /** [start, end) in the compact string */
  start: number;
  end: number;
  /** first and last token the match touches */
  first: number;
  last: number;
}

const EXCL = compileSequences(EXCLUSIONS);
const CUES_BEFORE = compileSequences(TOPIC_BEFORE);
const CUES_AFTER = compileSequences(TOPIC_AFTER);

// Exclusions indexed by their first real word, so a long message costs one lookup per word.
const EXCL_BY_WORD = new Map<string, { seq: WordSpec[]; offset: number }[]>();
for (const seq of EXCL) {
  const offset = seq.findIndex((w) => w.word !== "*");
  const w = seq[offset]?.word;
  if (w !== undefined) EXCL_BY_WORD.set(w, [...(EXCL_BY_WORD.get(w) ?? []), { seq, offset }]);
}
const EXCL_COMPACT = new Set(
  EXCL.filter((s) => s.every((w) => w.word !== "*")).map((s) => s.map((w) => w.word).join("")),
);
const EXCL_LENGTHS = [...new Set([...EXCL_COMPACT].map((s) => s.length))].filter((n) => n >= 5);

// Exclusions and cues apply only on a sure reading: the exact spelling, or no accents typed at all.
const sameWord = (tok: Token | undefined, spec: WordSpec): boolean =>
  tok !== undefined && (spec.word === "*" || (tok.word === spec.word && accentOk(tok.accent, spec.accents, true)));

const seqAt = (toks: readonly Token[], seq: readonly WordSpec[], at: number): boolean =>
  at >= 0 && at + seq.length <= toks.length && seq.every((w, k) => sameWord(toks[at + k], w));

/** [start, end) compact spans of every hard negative in the message. */
function exclusionSpans(toks: readonly Token[]): [number, number][] {
  const spans: [number, number][] = [];
  toks.forEach((tok, j) => {
    for (const { seq, offset } of EXCL_BY_WORD.get(tok.word) ?? []) {
      const at = j - offset;
      if (seqAt(toks, seq, at)) spans.push([toks[at]?.start ?? 0, toks[at + seq.length - 1]?.end ?? 0]);
    }
  });
  // Hard negatives typed without spaces ("danhgia"), found only inside run-together words.
  const compact = toks.map((t) => t.word).join("");
  for (const t of toks) {
    if (t.expanded || isWellFormedSyllable(t.word)) continue;
    for (let p = t.start; p < t.end; p++)
      for (const len of EXCL_LENGTHS)
        if (EXCL_COMPACT.has(compact.slice(p, p + len))) spans.push([p, p + len]);
  }
  return spans;
}

function topicCue(h: Hit, toks: readonly Token[]): boolean {
  if (toks[h.first]?.start !== h.start || toks[h.last]?.end !== h.end) return false;
  return (
    CUES_BEFORE.some((c) => seqAt(toks, c, h.first - c.length)) || CUES_AFTER.some((c) => seqAt(toks, c, h.last + 1))
  );
}

/**
 * A per-message test for whether a hit is cancelled by its context. A topic question cancels the
 * whole phrase it asks about, so a shorter hit inside a cancelled one goes too ("làm sao để không
 * bị lừa sang Trung Quốc" also drops "lừa sang trung quốc").
 */
export function suppressor(toks: readonly Token[], hits: readonly Hit[]): (h: Hit) => boolean {
  let spans: [number, number][] | null = null;
  return (h) => {
    spans ??= [...exclusionSpans(toks), ...hits.filter((x) => topicCue(x, toks)).map((x): [number, number] => [x.start, x.end])];
    return spans.some(([s, e]) => s <= h.start && h.end <= e);
  };
}
