// A CSV import in two steps: plan (validate everything, write nothing) and apply (write the
// rows the staff member saw). Rows outside the staff member's area are problems, not skips,
// so the report says exactly what will and will not happen.
import { randomBytes } from "node:crypto";
import { defaultAreas } from "../../areas/index.js";
import { addressData } from "../../addresses/address-store.js";
import { parseTrustedAddresses, type TrustedAddress } from "../../addresses/trusted-addresses.js";
import type { Db, Tx } from "../../db/client.js";
import { canSee, type Staff } from "../principal.js";
import type { Problem } from "./shared.js";

export interface ImportPlan {
  problems: Problem[];
  add: TrustedAddress[];
  update: TrustedAddress[];
  isSample: boolean;
}

export async function planImport(db: Db, staff: Staff, csv: string): Promise<ImportPlan> {
  const parsed = parseTrustedAddresses(csv, defaultAreas());
  const problems: Problem[] = parsed.errors.map((e) => ({ line: e.line, field: e.field, code: e.code, ...(e.vars ? { vars: e.vars } : {}) }));
  const inArea = parsed.rows.filter((r) => {
    if (canSee(staff, r)) return true;
    problems.push({ line: r.line, field: "commune_code", code: "outsideArea" });
    return false;
  });
  const existing = new Map(
    (await db.trustedAddress.findMany({ where: { id: { in: inArea.map((r) => r.id) } }, select: { id: true, provinceCode: true, communeCode: true } })).map((e) => [e.id, e]),
  );
  const add: TrustedAddress[] = [];
  const update: TrustedAddress[] = [];
  for (const r of inArea) {
    const e = existing.get(r.id);
    // An id held by a row in another area must not move that row into ours.
    if (e && !canSee(staff, e)) problems.push({ line: r.line, field: "id", code: "idTaken" });
    else (e ? update : add).push(r);
  }
  problems.sort((a, b) => a.line - b.line);
  return { problems, add, update, isSample: parsed.isSample };
}

/** Writes the planned rows in one transaction; re-checks the area in case a row moved since. */
export async function applyImport(db: Db, staff: Staff, rows: TrustedAddress[]): Promise<{ added: number; updated: number; skipped: number }> {
  const n = { added: 0, updated: 0, skipped: 0 };
  await db.$transaction(async (tx: Tx) => {
    for (const r of rows) {
      const e = await tx.trustedAddress.findUnique({ where: { id: r.id }, select: { provinceCode: true, communeCode: true } });
      if (e && !canSee(staff, e)) {
        n.skipped++;
        continue;
      }
      const data = { ...addressData(r), updatedBy: staff.id };
      // Re-importing a file never brings back a row staff deactivated: `active` is left alone.
      if (e) await tx.trustedAddress.update({ where: { id: r.id }, data });
      else await tx.trustedAddress.create({ data: { id: r.id, ...data } });
      n[e ? "updated" : "added"]++;
    }
  });
  return n;
}

/**
 * Validated imports waiting for "confirm", for 30 minutes, in the database (PendingImport), so
 * the confirming request may reach any instance. The key is random and bound to the staff member
 * who made it; taking it deletes it, so a double submit writes once.
 */
export class PendingImports {
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async put(staffId: number, plan: ImportPlan): Promise<string> {
    await this.db.pendingImport.deleteMany({ where: { expiresAt: { lte: new Date(this.now()) } } });
    const id = randomBytes(18).toString("base64url");
    await this.db.pendingImport.create({ data: { id, staffId, plan: JSON.stringify(plan), expiresAt: new Date(this.now() + this.ttlMs) } });
    return id;
  }

  /** The plan once: only the request whose delete removed the row applies it. */
  async take(id: string, staffId: number): Promise<ImportPlan | null> {
    if (!id) return null;
    const row = await this.db.pendingImport.findUnique({ where: { id } });
    if (!row || row.staffId !== staffId || row.expiresAt.getTime() <= this.now()) return null;
    const gone = await this.db.pendingImport.deleteMany({ where: { id, staffId } });
    return gone.count === 1 ? (JSON.parse(row.plan) as ImportPlan) : null;
  }
}
