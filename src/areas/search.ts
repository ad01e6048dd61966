// findCommune: what a villager types ("xa Toa Tinh", "huyện Tuần Giáo", "quia to") → the 2025
// commune. Old names stay searchable because people still use them (docs/reference/project8.md §4.2);
// tones are optional on cheap phones, and one slip of the thumb is forgiven.
import { compact, fold } from "../content/fold.js";
import { defaultAreas, type AreaOptions } from "./directory.js";
import type { AreaDirectory, Commune, Province } from "./schema.js";

export type MatchVia = "name" | "alias" | "old_commune" | "old_district";

export type CommuneMatch = {
  commune: Commune;
  province: Province;
  via: MatchVia;
  /** The old commune name the user typed, when it was merged into `commune` ("đã sáp nhập vào xã …"). */
  mergedFrom?: string;
  /** Other communes that match as well (an old district covers several new communes). */
  others: Commune[];
  /** True when the match needed the one-typo allowance: the caller may ask "Bạn muốn nói …?". */
  typo: boolean;
};

export type FindOptions = AreaOptions & { provinceCode?: string };

/** Optimal-string-alignment Damerau–Levenshtein distance (insert, delete, substitute, swap neighbours). */
export function damerauLevenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row[j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

type Hint = "district" | "commune" | null;

const MIN_FUZZY_LETTERS = 4;
const RANK: Record<MatchVia, number> = { name: 0, alias: 1, old_commune: 2, old_district: 3 };
// Words people put before a place name. "huyện" means they are naming an old district.
const PREFIXES: [RegExp, Exclude<Hint, null>][] = [
  [/^(huyen) /, "district"],
  [/^(xa|phuong|thi tran|dac khu) /, "commune"],
];

type Key = { key: string; via: MatchVia; label: string; commune: Commune };

const indexes = new WeakMap<AreaDirectory, Key[]>();
function index(areas: AreaDirectory): Key[] {
  let keys = indexes.get(areas);
  if (!keys) {
    keys = areas.provinces.flatMap((p) =>
      p.communes.flatMap((c) => [
        ...[c.name].map((label) => ({ label, via: "name" as const })),
        ...c.aliases.map((label) => ({ label, via: "alias" as const })),
        ...c.old_communes.map((label) => ({ label, via: "old_commune" as const })),
        ...c.old_districts.map((label) => ({ label, via: "old_district" as const })),
      ].map((k) => ({ ...k, key: compact(k.label), commune: c }))),
    );
    indexes.set(areas, keys);
  }
  return keys;
}

function search(query: string, keys: Key[], hint: Hint, fuzzy: boolean): (Key & { typo: boolean })[] {
  const q = compact(query);
  if (q.length === 0) return [];
  const rank = (k: Key) => (hint === "district" && k.via === "old_district" ? -1 : hint === "commune" && k.via === "old_district" ? 9 : RANK[k.via]);
  // Among equals: confirmed before sample, then the commune that kept the typed name (e.g. the old district seat).
  const renamed = (k: Key) => Number(compact(k.commune.name) !== k.key);
  const order = (a: Key, b: Key) => rank(a) - rank(b) || Number(a.commune.sample) - Number(b.commune.sample) || renamed(a) - renamed(b);
  if (!fuzzy) return keys.filter((k) => k.key === q).sort(order).map((k) => ({ ...k, typo: false }));
  if (q.length < MIN_FUZZY_LETTERS) return [];
  return keys
    .filter((k) => k.key.length >= MIN_FUZZY_LETTERS && Math.abs(k.key.length - q.length) <= 1 && damerauLevenshtein(k.key, q) <= 1)
    .sort(order)
    .map((k) => ({ ...k, typo: true }));
}

/** The best commune for a typed place name, or null. Diacritic-insensitive; one typo allowed for names of 4+ letters. */
export function findCommune(query: string, opts: FindOptions = {}): CommuneMatch | null {
  const areas = opts.areas ?? defaultAreas();
  const keys = index(areas).filter(
    (k) => (opts.includeSample === true || !k.commune.sample) && (!opts.provinceCode || k.commune.provinceCode === opts.provinceCode),
  );
  // Try the whole text, then without a leading "xã"/"huyện" (kept as a first try because a name like
  // "Xà Phìn" starts with "xa"), then each part ("Tỏa Tình, Tuần Giáo", "xã Tỏa Tình huyện Tuần Giáo").
  // Exact matches anywhere beat a typo match anywhere.
  const variants = (t: string): [string, Hint][] => [[t, null], ...PREFIXES.filter(([re]) => re.test(t)).map(([re, hint]): [string, Hint] => [t.replace(re, ""), hint])];
  const parts = query
    .split(/[,;/]/)
    .flatMap((p) => fold(p).split(/ (?=(?:huyen|tinh) )/))
    .filter((p) => p !== "");
  const attempts = [...variants(fold(query)), ...(parts.length > 1 ? parts.flatMap(variants) : [])];
  for (const fuzzy of [false, true]) {
    for (const [text, hint] of attempts) {
      const hits = search(text, keys, hint, fuzzy);
      const best = hits[0];
      if (!best) continue;
      const province = areas.provincesByCode.get(best.commune.provinceCode)!;
      const others = [...new Set(hits.filter((h) => h.via === best.via && h.commune !== best.commune).map((h) => h.commune))];
      const merged = best.via === "old_commune" && compact(best.label) !== compact(best.commune.name);
      return { commune: best.commune, province, via: best.via, others, typo: best.typo, ...(merged ? { mergedFrom: best.label } : {}) };
    }
  }
  return null;
}
