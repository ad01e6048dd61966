// Loads content/areas.yaml and answers list questions. Codes are stable slugs so that
// trusted addresses, reports and broadcasts can refer to a commune across renames.
import { join } from "node:path";
import { CONTENT_DIR, ContentError, type ContentIssue, displayPath, fieldName, readYaml } from "../content/schema.js";
import { AreasFileSchema, type AreaDirectory, type Commune, type Province, type Village } from "./schema.js";

export type AreaOptions = {
  areas?: AreaDirectory;
  /** Draft (UNCONFIRMED) areas are hidden unless asked for: demos and the simulator pass true. */
  includeSample?: boolean;
};

export function loadAreas(dir: string = CONTENT_DIR): AreaDirectory {
  const path = join(dir, "areas.yaml");
  const file = displayPath(path);
  const raw = readYaml(path) as { provinces?: { code?: unknown; communes?: { code?: unknown }[] }[] } | null;
  const parsed = AreasFileSchema.safeParse(raw);
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
  const issues: ContentIssue[] = [];
  const seen = new Set<string>();
  const unique = (code: string) => {
    if (seen.has(code)) issues.push({ file, id: code, field: "code", problem: "duplicate code" });
    seen.add(code);
  };
  const provinces: Province[] = parsed.data.provinces.map((p) => {
    unique(p.code);
    const communes: Commune[] = p.communes.map((c) => {
      unique(c.code);
      if (!c.code.startsWith(`${p.code}/`)) issues.push({ file, id: c.code, field: "code", problem: `must start with the province code "${p.code}/"` });
      if (p.sample && !c.sample) issues.push({ file, id: c.code, field: "sample", problem: "a commune of a sample province must be sample too" });
      for (const v of c.villages) {
        unique(v.code);
        if (!v.code.startsWith(`${c.code}/`)) issues.push({ file, id: v.code, field: "code", problem: `must start with the commune code "${c.code}/"` });
        if (c.sample && !v.sample) issues.push({ file, id: v.code, field: "sample", problem: "a village of a sample commune must be sample too" });
      }
      return { ...c, provinceCode: p.code };
    });
    return { ...p, communes };
  });
  if (issues.length > 0) throw new ContentError(issues);
  return {
    provinces,
    provincesByCode: new Map(provinces.map((p) => [p.code, p])),
    communesByCode: new Map(provinces.flatMap((p) => p.communes.map((c) => [c.code, c] as const))),
  };
}

let cached: AreaDirectory | null = null;
export function defaultAreas(): AreaDirectory {
  return (cached ??= loadAreas(CONTENT_DIR));
}

const visible = (opts: AreaOptions) => (x: { sample: boolean }) => opts.includeSample === true || !x.sample;

export function listProvinces(opts: AreaOptions = {}): Province[] {
  return (opts.areas ?? defaultAreas()).provinces.filter(visible(opts));
}

export function listCommunes(provinceCode: string, opts: AreaOptions = {}): Commune[] {
  const p = (opts.areas ?? defaultAreas()).provincesByCode.get(provinceCode);
  return p && visible(opts)(p) ? p.communes.filter(visible(opts)) : [];
}

export function listVillages(communeCode: string, opts: AreaOptions = {}): Village[] {
  const c = (opts.areas ?? defaultAreas()).communesByCode.get(communeCode);
  return c && visible(opts)(c) ? c.villages.filter(visible(opts)) : [];
}
