// Who is using the console, and what area they may see. Areas are the official codes of the
// 2025 map: a province ("11") or a commune ("03295"); every row that belongs to an area carries
// both its provinceCode and its communeCode, so a scope is one equality in the query.
export type Role = "centre_admin" | "province_staff" | "commune_staff";
export const ROLES: Role[] = ["centre_admin", "province_staff", "commune_staff"];

/** Matches no row: an account without an area sees nothing rather than everything. */
const NOTHING = "\u0000none";

export interface Staff {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** null for the centre; a province code or a commune code otherwise. */
  areaCode: string | null;
  csrfToken: string;
  lang: "vi" | "en";
}

/** Prisma filter for rows that carry provinceCode/communeCode (reports, teams, addresses). */
export function areaWhere(staff: Staff): { provinceCode?: string; communeCode?: string } {
  if (staff.role === "centre_admin") return {};
  if (!staff.areaCode) return { communeCode: NOTHING };
  return staff.role === "province_staff" ? { provinceCode: staff.areaCode } : { communeCode: staff.areaCode };
}

/** Whether a row in this commune (or province) is within the staff member's area. */
export function canSee(staff: Staff, area: { provinceCode?: string | null; communeCode?: string | null }): boolean {
  if (staff.role === "centre_admin") return true;
  if (!staff.areaCode) return false;
  if (staff.role === "province_staff") return area.provinceCode === staff.areaCode;
  return area.communeCode === staff.areaCode;
}

/**
 * Conversations carry the province and commune the person named (or the channel account's
 * province). Those without an area are seen by the centre only: nobody else can know whose they are.
 */
export function conversationAreaWhere(staff: Staff): { provinceCode?: string; communeCode?: string } {
  return areaWhere(staff);
}
