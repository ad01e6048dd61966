// findCommune: what a villager types ("xa Toa Tinh", "huyện Tuần Giáo", "quia to", "toa tinh
// tuan giao") → the 2025 commune. Old names stay searchable because people still use them
// (docs/reference/project8.md §4.2); tones are optional on cheap phones, and one slip of the
// thumb is forgiven. 7,300 old commune names repeat 1,400 times across the country, so an old
// district or province in the text, or the province the conversation already has, decides.
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
  /** Other communes that match as well: the caller offers a short choice list. */
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

type Hint = "district" | "commune" | "province" | null;

// Among 25,000 names, a four-letter word one edit away from some commune is nearly certain: five or more.
const MIN_FUZZY_LETTERS = 5;
/** More communes than this for one name is not a choice list a phone screen can hold. */
const MAX_CHOICES = 8;
const RANK: Record<MatchVia, number> = { name: 0, alias: 1, old_commune: 2, old_district: 3 };
// Words people put before a place name, folded. "huyện" means they name an old district.
const MARKERS: [string, Exclude<Hint, null>][] = [
  ["thi tran", "commune"], ["dac khu", "commune"], ["phuong", "commune"], ["xa", "commune"],
  ["huyen", "district"], ["quan", "district"], ["thi xa", "district"], ["thanh pho", "district"], ["tp", "district"],
  ["tinh", "province"],
];

type Key = {
  key: string;
  via: MatchVia;
  label: string;
  commune: Commune;
  /** Compact old district and province of an old-commune key, to check against the rest of the text. */
  district: string | null;
  province: string | null;
};
type Index = { exact: Map<string, Key[]>; byLength: Map<number, Key[]>; places: Map<string, { districts: Set<string>; provinces: Set<string> }> };

const indexes = new WeakMap<AreaDirectory, Index>();
function index(areas: AreaDirectory): Index {
  let ix = indexes.get(areas);
  if (ix) return ix;
  const keys: Key[] = [];
  for (const p of areas.provinces) {
    for (const c of p.communes) {
      const add = (label: string, via: MatchVia, district: string | null = null, province: string | null = null) =>
        keys.push({ key: compact(label), via, label, commune: c, district: district && compact(district), province: province && compact(province) });
      add(c.name, "name");
      for (const a of c.aliases) add(a, "alias");
      for (const o of c.oldCommunes) add(o.name, "old_commune", o.district, o.province);
      for (const [variant, official] of c.oldAliases) {
        const o = c.oldCommunes.find((x) => compact(x.name) === compact(official));
        add(variant, "old_commune", o?.district ?? null, o?.province ?? null);
      }
      for (const d of c.oldDistricts) add(d, "old_district");
    }
  }
  const exact = new Map<string, Key[]>();
  const byLength = new Map<number, Key[]>();
  const seen = new Set<string>();
  for (const k of keys) {
    const id = `${k.key}|${k.via}|${k.commune.code}|${k.district}`;
    if (k.key === "" || seen.has(id)) continue;
    seen.add(id);
    if (!exact.has(k.key)) exact.set(k.key, []);
    exact.get(k.key)!.push(k);
    if (!byLength.has(k.key.length)) byLength.set(k.key.length, []);
    byLength.get(k.key.length)!.push(k);
  }
  // What each commune can be placed by: its old districts and its province (old and new names).
  const places = new Map<string, { districts: Set<string>; provinces: Set<string> }>();
  for (const p of areas.provinces) {
    const provinces = new Set([p.name, ...p.aliases].map(compact));
    for (const c of p.communes) {
      places.set(c.code, { districts: new Set(c.oldDistricts.map(compact)), provinces: new Set([...provinces, ...c.oldCommunes.map((o) => compact(o.province ?? ""))]) });
    }
  }
  ix = { exact, byLength, places };
  indexes.set(areas, ix);
  return ix;
}

type Attempt = { name: string; hint: Hint; context: string[]; needsContext: boolean };
type Segment = { text: string; hint: Hint };

const MAX_MARKERS = 5;

/** Where a marker word could start a segment in one folded piece: [word index, marker length in words, hint]. */
function markerSpots(words: string[]): [number, number, Exclude<Hint, null>][] {
  const spots: [number, number, Exclude<Hint, null>][] = [];
  for (let i = 0; i < words.length; i++) {
    for (const [m, hint] of MARKERS) {
      const mw = m.split(" ");
      if (mw.every((w, j) => words[i + j] === w) && i + mw.length < words.length) spots.push([i, mw.length, hint]);
    }
  }
  return spots;
}

/**
 * The ways to read the text: as one name; as a name placed by the other pieces, split at commas
 * and at any choice of marker words ("xã", "huyện", "tỉnh": a name may itself contain one, as
 * "Tỏa Tình" contains "tinh", so every choice is tried); or split between words ("toa tinh tuan giao").
 */
function readings(query: string): Attempt[] {
  const whole = fold(query);
  if (whole === "") return [];
  const out: Attempt[] = [{ name: whole, hint: null, context: [], needsContext: false }];
  const pieces = query.split(/[,;/\n]/).map(fold).filter((p) => p !== "").map((p) => p.split(" "));
  const spots = pieces.flatMap((words, pi) => markerSpots(words).map((s) => [pi, ...s] as const)).slice(0, MAX_MARKERS);
  for (let mask = (1 << spots.length) - 1; mask >= 0; mask--) {
    const chosen = spots.filter((_, i) => mask & (1 << i));
    const segs: Segment[] = [];
    let valid = true;
    pieces.forEach((words, pi) => {
      const cuts = chosen.filter((c) => c[0] === pi).sort((a, b) => a[1] - b[1]);
      let at = 0;
      let hint: Hint = null;
      for (const [, i, len, h] of [...cuts, [pi, words.length, 0, null] as const]) {
        if (i < at) valid = false; // two markers overlap ("thi xa" and "xa")
        const text = words.slice(at, i).join(" ");
        if (text !== "") segs.push({ text, hint });
        else if (at !== 0 || hint !== null) valid = false; // a marker with nothing after it
        at = i + len;
        hint = h;
      }
    });
    if (!valid || segs.length === 0 || (segs.length === 1 && segs[0]!.text === whole)) continue;
    const main = segs.find((s) => s.hint === "commune") ?? segs.find((s) => s.hint === null) ?? segs.find((s) => s.hint === "district") ?? segs[0]!;
    out.push({ name: main.text, hint: main.hint, context: segs.filter((s) => s !== main).map((s) => s.text), needsContext: false });
  }
  const words = whole.split(" ");
  if (pieces.length === 1 && words.length >= 3) {
    for (let k = words.length - 1; k >= 1; k--) out.push({ name: words.slice(0, k).join(" "), hint: null, context: [words.slice(k).join(" ")], needsContext: true });
  }
  return out;
}

function candidates(ix: Index, name: string, fuzzy: boolean): (Key & { typo: boolean })[] {
  const q = compact(name);
  if (q.length === 0) return [];
  if (!fuzzy) return (ix.exact.get(q) ?? []).map((k) => ({ ...k, typo: false }));
  if (q.length < MIN_FUZZY_LETTERS) return [];
  const out: (Key & { typo: boolean })[] = [];
  for (let len = q.length - 1; len <= q.length + 1; len++) {
    for (const k of ix.byLength.get(len) ?? []) if (len >= MIN_FUZZY_LETTERS && damerauLevenshtein(k.key, q) <= 1) out.push({ ...k, typo: true });
  }
  return out;
}

/**
 * How well the rest of the text places this key: 3 = it names the key's own old district
 * ("Tỏa Tình, Tuần Giáo"), 2 = its old province, 1 = the commune's other districts or its
 * province, 0 = not at all.
 */
function placement(ix: Index, k: Key, context: string[], fuzzy: boolean): number {
  const place = ix.places.get(k.commune.code)!;
  let score = 3;
  for (const raw of context) {
    const c = compact(raw);
    const near = (x: string | null) => x !== null && x !== "" && (x === c || (fuzzy && c.length >= MIN_FUZZY_LETTERS && damerauLevenshtein(x, c) <= 1));
    if (k.via === "old_commune" && near(k.district)) continue;
    if (k.via === "old_commune" && near(k.province)) score = Math.min(score, 2);
    if ([...place.districts].some(near) || [...place.provinces].some(near)) score = Math.min(score, 1);
    else return 0;
  }
  return score;
}

type Found = { best: Key & { typo: boolean }; hits: (Key & { typo: boolean })[]; rank: (k: Key) => number; score: number };

/** The best commune for a typed place name, or null. Diacritic-insensitive; one typo allowed for names of 5+ letters. */
export function findCommune(query: string, opts: FindOptions = {}): CommuneMatch | null {
  const areas = opts.areas ?? defaultAreas();
  const ix = index(areas);
  const attempts = readings(query);
  const typed = query.normalize("NFC").toLowerCase();
  // Typed with the tones and spelled exactly like a name: that name ("Nậm Xe" is not "Nậm Xé").
  const spelled = (k: Key) => Number(!typed.includes(k.label.normalize("NFC").toLowerCase()));
  // Every reading is tried; the one whose place the rest of the text confirms wins, then the
  // earlier (simpler) reading. Exact matches in any reading beat a typo match in any reading.
  for (const fuzzy of [false, true]) {
    let found: Found | null = null;
    for (const a of attempts) {
      const raw = candidates(ix, a.name, fuzzy).filter((k) => !opts.provinceCode || k.commune.provinceCode === opts.provinceCode);
      if (raw.length === 0) continue;
      const scored = raw.map((k) => ({ k, p: a.context.length > 0 ? placement(ix, k, a.context, fuzzy) : 1 }));
      const top = Math.max(...scored.map((x) => x.p));
      if (a.needsContext && top < 1) continue;
      const hits = scored.filter((x) => x.p === top).map((x) => x.k);
      const rank = (k: Key) => (a.hint === "district" && k.via === "old_district" ? -1 : a.hint === "commune" && k.via === "old_district" ? 9 : RANK[k.via]);
      // Among equals: the commune that kept the typed name (e.g. the old district seat), then a Project 8 area.
      const renamed = (k: Key) => Number(compact(k.commune.name) !== k.key);
      hits.sort((x, y) => spelled(x) - spelled(y) || rank(x) - rank(y) || renamed(x) - renamed(y) || Number(y.commune.project8) - Number(x.commune.project8) || x.commune.code.localeCompare(y.commune.code));
      if (!found || top > found.score) found = { best: hits[0]!, hits, rank, score: top };
      if (top === 3) break;
    }
    if (!found) continue;
    const { best, hits, rank } = found;
    // The choice list: the same kind of match elsewhere, and any commune the name itself fits.
    const alike = (h: Key) => (best.via === "old_district" ? rank(h) === rank(best) : h.via !== "old_district");
    const others = [...new Set(hits.filter((h) => alike(h) && h.commune !== best.commune).map((h) => h.commune))].slice(0, MAX_CHOICES - 1);
    const province = areas.provincesByCode.get(best.commune.provinceCode)!;
    const merged = best.via === "old_commune" && compact(best.label) !== compact(best.commune.name);
    return { commune: best.commune, province, via: best.via, others, typo: best.typo, ...(merged ? { mergedFrom: best.label } : {}) };
  }
  return null;
}

/** A province named the way people say it: new name, an old province merged into it, with or without "tỉnh". */
export function findProvince(query: string, opts: AreaOptions = {}): Province | null {
  const areas = opts.areas ?? defaultAreas();
  const q = compact(fold(query).replace(/^(tinh|thanh pho|tp) /, ""));
  if (q === "") return null;
  const names = (p: Province) => [p.name, ...p.aliases].map(compact);
  return (
    areas.provinces.find((p) => names(p).includes(q)) ??
    (q.length >= MIN_FUZZY_LETTERS ? areas.provinces.find((p) => names(p).some((n) => Math.abs(n.length - q.length) <= 1 && damerauLevenshtein(n, q) <= 1)) : undefined) ??
    null
  );
}
