// Long replies are cut where a reader would pause: a blank line, a line end, the end of a
// sentence, then a space; only a single "word" longer than the limit is cut inside.
// Lengths are UTF-16 code units, which never undercount a platform's character limits.
// Shared by every channel's renderer (Zalo 2000, Messenger 1900).

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

/** Index to cut `s` at, ≤ max. Breaks in the first half of the window are ignored: they make tiny parts. */
function cutPoint(s: string, max: number): number {
  const window = s.slice(0, max + 1); // +1: a space right after the limit is still a clean break
  const min = Math.floor(max / 2);
  const candidates = [
    lastIndex(window, /\n\s*\n/g, "start", max),
    lastIndex(window, /\n/g, "start", max),
    lastIndex(window, /[.!?…]["'”’»)\]]*(?=\s)/g, "end", max),
    lastIndex(window, /\s/g, "start", max),
  ];
  for (const c of candidates) if (c !== undefined && c >= min && c > 0) return c;
  // One unbroken run: cut at the limit, but never between the halves of a surrogate pair.
  const code = s.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff && max > 1 ? max - 1 : max;
}

/** Where the last match of `re` that allows a cut at or before `max` starts or ends. */
function lastIndex(s: string, re: RegExp, edge: "start" | "end", max: number): number | undefined {
  let at: number | undefined;
  for (const m of s.matchAll(re)) {
    const i = edge === "start" ? m.index : m.index + m[0].length;
    if (i <= max) at = i;
  }
  return at;
}
