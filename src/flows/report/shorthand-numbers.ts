// Pairs each number with its count word. "nu30", "nữ 30", "nu:30", "30 nữ" and "45 người" all
// work, and so does a whole run written one way: in "30 nu 15 nam" each number goes to the
// word after it because the word before it is already taken, in "nu 30 nam 15" to the word
// before it. A number never pairs across , ; or a line break. A count word left without a
// number means nothing ("Nam" in a village name, "tre" as "late") and is reported back.
import type { Meaning } from "./shorthand-lexicon.js";
import type { Segment } from "./shorthand-segment.js";
import type { Token } from "./shorthand-tokens.js";

export interface Item {
  seg: Segment;
  first: Token;
  last: Token;
  /** the words as typed */
  raw: string;
  /** the paired number or count word, -1 when none */
  partner: number;
  /** true when the number came after its word and was typed with a minus sign */
  negative: boolean;
  /** a word that turned out to be filler here ("người" after a taken number, "cho 45 người") */
  filler: boolean;
}

export function toItems(segments: readonly Segment[], tokens: readonly Token[]): Item[] {
  const items: Item[] = [];
  for (const seg of segments) {
    const slice = tokens.slice(seg.start, seg.end);
    const first = slice[0];
    const last = slice.at(-1);
    if (!first || !last) continue;
    items.push({ seg, first, last, raw: slice.map((t) => t.raw).join(" "), partner: -1, negative: false, filler: false });
  }
  return items;
}

type CountMeaning = Extract<Meaning, { kind: "count" }>;

export function countMeaning(item: Item | undefined): CountMeaning | null {
  return item?.seg.kind === "lex" && item.seg.meaning.kind === "count" ? item.seg.meaning : null;
}

function isNum(item: Item | undefined): item is Item {
  return item?.seg.kind === "num" && item.partner === -1;
}

function freeKey(item: Item | undefined, side: "after" | "before"): item is Item {
  const m = countMeaning(item);
  return m !== null && item?.partner === -1 && m[side];
}

export function bindNumbers(items: Item[]): void {
  const pair = (key: number, num: number, keyFirst: boolean): void => {
    const k = items[key];
    const n = items[num];
    if (!k || !n) return;
    k.partner = num;
    n.partner = key;
    n.negative = keyFirst && n.first.minus;
  };
  // Typed together ("nu30", "45ng") binds first, so a loose neighbour never steals the number.
  for (let j = 0; j < items.length; j++) {
    const num = items[j];
    if (!isNum(num)) continue;
    const before = items[j - 1];
    const after = items[j + 1];
    if (freeKey(before, "after") && before.last.chunk === num.first.chunk) pair(j - 1, j, true);
    else if (freeKey(after, "before") && after.first.chunk === num.last.chunk) pair(j + 1, j, false);
  }
  for (let j = 0; j < items.length; j++) {
    const num = items[j];
    if (!isNum(num)) continue;
    const before = items[j - 1];
    const after = items[j + 1];
    if (freeKey(before, "after") && !num.first.barrier) pair(j - 1, j, true);
    else if (freeKey(after, "before") && !after.first.barrier) pair(j + 1, j, false);
  }
  for (let j = 0; j < items.length; j++) {
    const item = items[j];
    const m = item?.seg.kind === "lex" ? item.seg.meaning : null;
    if (!item || !m) continue;
    const prev = items[j - 1];
    const next = items[j + 1];
    // "tong 45 nguoi": the unit word after a number already taken adds nothing.
    if (m.kind === "count" && m.unit && item.partner === -1 && prev?.seg.kind === "num" && prev.partner !== -1) item.filler = true;
    // "cho 45 nguoi" is "for 45 people", not the market.
    if (m.kind === "format" && m.fillerBeforeNumber && next?.seg.kind === "num" && !next.first.barrier) item.filler = true;
  }
}

/** "nu30", "nu 30", "30 nu" as typed, for problem reports. */
export function pairRaw(items: readonly Item[], keyIndex: number): string {
  const key = items[keyIndex];
  const num = key ? items[key.partner] : undefined;
  if (!key || !num) return key?.raw ?? "";
  const numRaw = (num.negative ? "-" : "") + num.raw;
  const keyFirst = key.partner > keyIndex;
  const [a, b] = keyFirst ? [key, num] : [num, key];
  const glue = a.last.chunk === b.first.chunk ? "" : " ";
  return keyFirst ? `${key.raw}${glue}${numRaw}` : `${numRaw}${glue}${key.raw}`;
}
