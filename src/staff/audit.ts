// The audit log: who opened which conversation, report or export, and when.
import type { Db } from "../db/client.js";
import type { Staff } from "./principal.js";

export async function audit(db: Db, staff: Pick<Staff, "id">, action: string, objectType: string, objectId?: string | number, detail?: string): Promise<void> {
  await db.auditLog.create({
    data: { staffId: staff.id, action, objectType, objectId: objectId === undefined ? null : String(objectId), detail: detail?.slice(0, 500) ?? null },
  });
}
