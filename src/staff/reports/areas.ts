// Area names and the area choices a staff member may pick from. Names come from the area
// directory including its sample (draft) entries, because teams may already work in them;
// a code the directory does not know is shown as the code itself rather than hidden.
import { defaultAreas } from "../../areas/index.js";
import type { Db } from "../../db/client.js";
import { areaWhere, type Staff } from "../principal.js";

export interface ProvinceChoice {
  code: string;
  name: string;
  communes: { code: string; name: string }[];
}

export function provinceName(code: string): string {
  return defaultAreas().provincesByCode.get(code)?.name ?? code;
}

export function communeName(code: string): string {
  return defaultAreas().communesByCode.get(code)?.name ?? code;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "vi");

/**
 * Provinces and communes inside the staff member's area: the centre gets every province,
 * province staff their own, commune staff only their commune. Areas that teams use but the
 * directory lacks are added so their reports can still be picked out.
 */
export async function areaChoices(db: Db, staff: Staff): Promise<ProvinceChoice[]> {
  const dir = defaultAreas();
  const provinces = new Map<string, Map<string, string>>();
  const add = (provinceCode: string, communeCode?: string) => {
    if (!provinces.has(provinceCode)) provinces.set(provinceCode, new Map());
    if (communeCode) provinces.get(provinceCode)!.set(communeCode, communeName(communeCode));
  };
  if (staff.role === "centre_admin") {
    for (const p of dir.provinces) {
      add(p.code);
      for (const c of p.communes) add(p.code, c.code);
    }
  } else if (staff.role === "province_staff" && staff.areaCode) {
    add(staff.areaCode);
    for (const c of dir.provincesByCode.get(staff.areaCode)?.communes ?? []) add(staff.areaCode, c.code);
  } else if (staff.areaCode) {
    add(staff.areaCode.split("/")[0]!, staff.areaCode);
  }
  const used = await db.team.findMany({ where: areaWhere(staff), select: { provinceCode: true, communeCode: true }, distinct: ["communeCode"] });
  for (const t of used) add(t.provinceCode, t.communeCode);
  return [...provinces]
    .map(([code, communes]) => ({ code, name: provinceName(code), communes: [...communes].map(([c, name]) => ({ code: c, name })).sort(byName) }))
    .sort(byName);
}
