// Staff accounts: the first admin from ADMIN_EMAIL + ADMIN_PASSWORD (or npm run admin:create),
// the rest created by an admin.
import type { Db } from "../db/client.js";
import { hashPassword } from "./auth/password.js";
import type { Role } from "./principal.js";

export interface NewStaff {
  email: string;
  name: string;
  password: string;
  role: Role;
  areaCode: string | null;
}

export async function createStaff(db: Db, s: NewStaff): Promise<number> {
  if (s.password.length < 10) throw new Error("password must be at least 10 characters");
  if (s.role !== "centre_admin" && !s.areaCode) throw new Error(`${s.role} needs an area code`);
  const row = await db.staffUser.create({
    data: { email: s.email.trim().toLowerCase(), name: s.name, role: s.role, areaCode: s.role === "centre_admin" ? null : s.areaCode, passwordHash: await hashPassword(s.password) },
  });
  return row.id;
}

/** On start: if no admin exists and the environment names one, create it. */
export async function ensureFirstAdmin(db: Db, email: string | undefined, password: string | undefined): Promise<boolean> {
  if (!email || !password) return false;
  const existing = await db.staffUser.count({ where: { role: "centre_admin" } });
  if (existing > 0) return false;
  await createStaff(db, { email, name: email.split("@")[0] ?? "admin", password, role: "centre_admin", areaCode: null });
  return true;
}
