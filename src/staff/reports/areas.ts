// Area names and the area choices a staff member may pick from. Names come from the official
// 2025 map; a code the map does not know (a slug from before the official codes) is shown as
// the code itself rather than hidden.
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

/** The day the 2025 reform took effect: the district level ended and merged communes took their new names. */
export const REFORM_DAY = "2025-07-01";

/** The communes (and their districts) that became this one, for reports made before the reform. */
export function oldNames(code: string): string {
  const c = defaultAreas().communesByCode.get(code);
  if (!c) return "";
  const communes = [...new Set(c.oldCommunes.map((o) => o.fullName))];
  const districts = [...new Set(c.oldCommunes.map((o) => o.district).filter((d): d is string => d !== null))];
  return districts.length > 0 ? `${communes.join(", ")} (${districts.map((d) => `huyện ${d}`).join(", ")})` : communes.join(", ");
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "vi");

/**
 * Provinces and communes inside the staff member's area: the centre gets every province and
 * the communes that have teams, province staff their own communes, commune staff only their commune. Areas that teams use but the
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
    // Every province; of the 3,321 communes only those with teams (added below), or the
    // page would carry the whole map in every filter form.
    for (const p of dir.provinces) add(p.code);
  } else if (staff.role === "province_staff" && staff.areaCode) {
    add(staff.areaCode);
    for (const c of dir.provincesByCode.get(staff.areaCode)?.communes ?? []) add(staff.areaCode, c.code);
  } else if (staff.areaCode) {
    add(dir.communesByCode.get(staff.areaCode)?.provinceCode ?? "", staff.areaCode);
  }
  const used = await db.team.findMany({ where: areaWhere(staff), select: { provinceCode: true, communeCode: true }, distinct: ["communeCode"] });
  for (const t of used) add(t.provinceCode, t.communeCode);
  return [...provinces]
    .map(([code, communes]) => ({ code, name: provinceName(code), communes: [...communes].map(([c, name]) => ({ code: c, name })).sort(byName) }))
    .sort(byName);
}
