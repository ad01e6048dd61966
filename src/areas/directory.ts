// The area directory: the official 2025 map (official.ts) with the Union's additions from
// content/areas.yaml laid over it. Codes are the government's (province "11", commune "03295"),
// so reports and exports join with other government data.
import { join } from "node:path";
import { CONTENT_DIR, ContentError, type ContentIssue, displayPath, fieldName, readYaml } from "../content/schema.js";
import { compact } from "../content/fold.js";
import { officialMap, type OfficialMap } from "./official.js";
import { AreasFileSchema, type AreaDirectory, type AreasFile, type Commune, type Province, type Village } from "./schema.js";

export type AreaOptions = {
  areas?: AreaDirectory;
  /** Villages marked sample (unconfirmed) are hidden unless asked for: demos and the simulator pass true. */
  includeSample?: boolean;
};

export function readOverlay(dir: string = CONTENT_DIR): { file: string; overlay: AreasFile } {
  const path = join(dir, "areas.yaml");
  const file = displayPath(path);
  const raw = readYaml(path) as { provinces?: { code?: unknown; communes?: { code?: unknown }[] }[] } | null;
  const parsed = AreasFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    // Name the entry by its code when the path reaches one, so the editor finds it fast.
    throw new ContentError(
      parsed.error.issues.map((i) => {
        const [, pi, , ci] = i.path;
        const p = typeof pi === "number" ? raw?.provinces?.[pi] : undefined;
        const c = typeof ci === "number" && Array.isArray(p?.communes) ? p.communes[ci] : undefined;
        const id = typeof c?.code === "string" ? c.code : typeof p?.code === "string" ? p.code : "(file)";
        return { file, id, field: fieldName(i.path), problem: i.message };
      }),
    );
  }
  return { file, overlay: parsed.data };
}

/** Merges the overlay into the official map. Every overlay entry must name a real code with its real name. */
export function buildDirectory(official: OfficialMap, overlay: AreasFile, file = "areas.yaml"): AreaDirectory {
  const issues: ContentIssue[] = [];
  const provinces: Province[] = official.provinces.map((p) => ({ code: p.code, name: p.name, fullName: p.fullName, kind: p.kind, aliases: [], project8: false, communes: [] }));
  const provincesByCode = new Map(provinces.map((p) => [p.code, p]));
  const communesByCode = new Map<string, Commune>();
  for (const c of official.communes) {
    const commune: Commune = { ...c, aliases: [], oldAliases: [], villages: [], project8: false, verifiedBy: null };
    communesByCode.set(c.code, commune);
    provincesByCode.get(c.provinceCode)?.communes.push(commune);
  }
  for (const [oldName, code] of official.oldProvinces) {
    const p = provincesByCode.get(code);
    if (p && compact(oldName) !== compact(p.name)) p.aliases.push(oldName);
  }
  for (const po of overlay.provinces) {
    const p = provincesByCode.get(po.code);
    if (!p) {
      issues.push({ file, id: po.code, field: "code", problem: "no province has this code in the official 2025 map" });
      continue;
    }
    if (compact(po.name) !== compact(p.name)) issues.push({ file, id: po.code, field: "name", problem: `the official name of ${po.code} is "${p.name}"` });
    p.aliases.push(...po.aliases);
    const districts = po.project8?.old_districts ?? [];
    for (const d of districts) {
      if (!p.communes.some((c) => c.oldDistricts.some((x) => compact(x) === compact(d)))) issues.push({ file, id: po.code, field: "project8.old_districts", problem: `no commune of ${p.name} was in a district "${d}"` });
    }
    for (const c of p.communes) {
      if (po.project8?.whole_province || c.oldDistricts.some((x) => districts.some((d) => compact(d) === compact(x)))) c.project8 = true;
    }
    p.project8 = p.communes.some((c) => c.project8);
    for (const co of po.communes) {
      const c = communesByCode.get(co.code);
      if (!c || c.provinceCode !== p.code) {
        issues.push({ file, id: co.code, field: "code", problem: `no commune of ${p.name} has this code in the official 2025 map` });
        continue;
      }
      if (compact(co.name) !== compact(c.name)) issues.push({ file, id: co.code, field: "name", problem: `the official name of ${co.code} is "${c.name}"` });
      c.verifiedBy = co.verified_by;
      for (const a of co.aliases) {
        if (typeof a === "string") c.aliases.push(a);
        else if (c.oldCommunes.some((o) => compact(o.name) === compact(a.old_commune))) c.oldAliases.push([a.name, a.old_commune]);
        else issues.push({ file, id: co.code, field: "aliases", problem: `"${a.old_commune}" is not an old commune of ${c.name}` });
      }
      const seen = new Set<string>();
      c.villages = co.villages.map((v: Village) => {
        if (seen.has(v.code)) issues.push({ file, id: `${co.code}/${v.code}`, field: "code", problem: "duplicate village code" });
        seen.add(v.code);
        return v;
      });
    }
  }
  if (issues.length > 0) throw new ContentError(issues);
  return { version: official.version, provinces, provincesByCode, communesByCode };
}

export function loadAreas(dir: string = CONTENT_DIR, official: OfficialMap = officialMap()): AreaDirectory {
  const { file, overlay } = readOverlay(dir);
  return buildDirectory(official, overlay, file);
}

let cached: AreaDirectory | null = null;
export function defaultAreas(): AreaDirectory {
  return (cached ??= loadAreas(CONTENT_DIR));
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "vi");

/** Provinces in the order a villager is offered them: Project 8 provinces first, then the rest by name. */
export function listProvinces(opts: AreaOptions = {}): Province[] {
  const all = (opts.areas ?? defaultAreas()).provinces;
  return [...all.filter((p) => p.project8).sort(byName), ...all.filter((p) => !p.project8).sort(byName)];
}

/** A province's communes by name. */
export function listCommunes(provinceCode: string, opts: AreaOptions = {}): Commune[] {
  return [...((opts.areas ?? defaultAreas()).provincesByCode.get(provinceCode)?.communes ?? [])].sort(byName);
}

export function listVillages(communeCode: string, opts: AreaOptions = {}): Village[] {
  const c = (opts.areas ?? defaultAreas()).communesByCode.get(communeCode);
  return c ? c.villages.filter((v) => opts.includeSample === true || !v.sample) : [];
}

/** "Xã Quài Tở (trước 1/7/2025: Quài Tở, Tỏa Tình, Tênh Phông — huyện Tuần Giáo)" for old reports. */
export function oldNamesOf(c: Commune): { communes: string[]; districts: string[] } {
  return { communes: [...new Set(c.oldCommunes.map((o) => o.name))], districts: c.oldDistricts };
}

/**
 * A province ("11") or commune ("03295") code as the filter a query needs. A commune's province
 * comes from the map; an unknown commune code gives no province, so it is seen by the centre only.
 */
export function areaOf(code: string, areas: AreaDirectory = defaultAreas()): { provinceCode?: string; communeCode?: string } {
  if (/^\d{2}$/.test(code)) return { provinceCode: code };
  const c = areas.communesByCode.get(code);
  return c ? { provinceCode: c.provinceCode, communeCode: code } : { communeCode: code };
}
