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

type Pending = { staffId: number; expires: number; plan: ImportPlan };

/**
 * Validated imports waiting for "confirm", kept on this server for a while. The key is
 * random and bound to the staff member who made it. (Several instances need sticky sessions
 * for this step; a lost pending import only means pasting the file again.)
 */
export class PendingImports {
  private items = new Map<string, Pending>();
  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly max = 200,
    private readonly now: () => number = Date.now,
  ) {}

  put(staffId: number, plan: ImportPlan): string {
    this.sweep();
    if (this.items.size >= this.max) this.items.delete(this.items.keys().next().value!);
    const id = randomBytes(18).toString("base64url");
    this.items.set(id, { staffId, expires: this.now() + this.ttlMs, plan });
    return id;
  }

  /** The plan once: taking it removes it, so a double submit writes once. */
  take(id: string, staffId: number): ImportPlan | null {
    this.sweep();
    const p = this.items.get(id);
    if (!p || p.staffId !== staffId) return null;
    this.items.delete(id);
    return p.plan;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, p] of this.items) if (p.expires <= now) this.items.delete(id);
  }
}
