// Small, allocation-light string tolerance checks for the danger matcher.

/** Damerau (optimal string alignment) distance ≤ 1: one substitution, insertion, deletion or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Exactly one adjacent swap ("tio" ↔ "toi"): the only typo trusted on three-letter words. */
export function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** First place where `pattern` occurs in `text` with at most one edit; returns [start, end) or null. */
export function findApprox(text: string, pattern: string): [number, number] | null {
  const m = pattern.length;
  for (let s = 0; s + m - 1 <= text.length; s++) {
    for (const len of [m, m - 1, m + 1]) {
      if (s + len > text.length) continue;
      if (withinOneEdit(text.slice(s, s + len), pattern)) return [s, s + len];
    }
  }
  return null;
}

// Accent comparison. Without diacritics "bi ban" can be bị bán (sold) or bị bạn (by a friend), and
// "tu tu" can be tự tử (suicide) or từ từ (slowly): that is accepted, false positives are cheap.
// But when the writer did type accents they settle the question, so a word typed with another tone
// or another vowel is another word. For danger phrases a missing mark is read as lazy typing
// ("đanh" may be đánh); exclusions and topic cues, which silence a match, need the exact spelling
// ("đau" is not an under-marked "dấu", so "chồng đánh đau" is not "đánh dấu").

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const SHAPE_MARK = /[\u0302\u0306\u031b]/;

const toneOf = (nfd: string): string => TONE.exec(nfd)?.[0] ?? "";
const shapeOf = (nfd: string): string => nfd.replace(TONES, "").replace(/đ/g, "d");

function fits(typed: string, wanted: string, strict: boolean): boolean {
  const t = typed.normalize("NFD");
  const w = wanted.normalize("NFD");
  const tone = toneOf(t);
  if (strict) return tone === toneOf(w) && shapeOf(t) === shapeOf(w);
  if (tone !== "" && tone !== toneOf(w)) return false;
  return shapeOf(t) === shapeOf(w) || !SHAPE_MARK.test(t);
}

const fitCache = new Map<string, boolean>();

/**
 * Whether a typed word fits one of the spellings a phrase word allows. A word typed without any
 * diacritics (`typed` null) fits every spelling; so does a phrase word with no spellings recorded.
 */
export function accentOk(typed: string | null, wanted: readonly string[] | null, strict = false): boolean {
  if (typed === null || wanted === null || wanted.length === 0) return true;
  for (const w of wanted) {
    const key = `${strict ? 1 : 0}${typed}\u0000${w}`;
    let ok = fitCache.get(key);
    if (ok === undefined) {
      ok = fits(typed, w, strict);
      if (fitCache.size > 20000) fitCache.clear();
      fitCache.set(key, ok);
    }
    if (ok) return true;
  }
  return false;
}
