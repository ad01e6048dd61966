// Splits long text into parts a platform accepts, at the most natural place that fits:
// a sentence end or line break, else a space, and only inside a word when one word is
// longer than the limit. Lengths are UTF-16 code units, which is never fewer than the
// characters a platform counts, so a part that fits here fits there.

const SENTENCE_END = /[.!?…]["'”’»)\]]*(?=\s)/g;

export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new RangeError("max must be at least 2");
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const head = rest.slice(0, cut).trimEnd();
    if (head.length > 0) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** Index to cut `s` at so that the head is at most `max` long; always > 0. */
function cutPoint(s: string, max: number): number {
  // One character past the limit, so a boundary sitting exactly at `max` is seen.
  const window = s.slice(0, max + 1);
  let sentence = 0;
  for (const m of window.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end <= max) sentence = end;
  }
  const newline = window.lastIndexOf("\n", max);
  const best = Math.max(sentence, newline);
  if (best > 0) return best;
  const space = lastWhitespace(window, max);
  if (space > 0) return space;
  // A single word longer than the limit: cut it, but never between a surrogate pair.
  const code = s.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

function lastWhitespace(window: string, max: number): number {
  for (let i = Math.min(max, window.length - 1); i > 0; i--) {
    if (/\s/.test(window[i]!)) return i;
  }
  return 0;
}
