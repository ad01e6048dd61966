// Handovers the signed-in staff member may see: those whose conversation lies in their area
// (conversationAreaWhere). Anything else is treated exactly like an id that does not exist.
import type { Db, Handover, Prisma } from "../../db/client.js";
import { conversationAreaWhere, type Staff } from "../principal.js";

export interface ConversationInfo {
  id: number;
  channel: string;
  userId: string;
  provinceCode: string | null;
  communeCode: string | null;
  handledBy: string;
  lastInboundAt: Date | null;
}

export interface VisibleHandover {
  handover: Handover;
  conversation: ConversationInfo;
}

const CONVERSATION_FIELDS = { id: true, channel: true, userId: true, provinceCode: true, communeCode: true, handledBy: true, lastInboundAt: true } as const;
export const ACTIVE = ["open", "claimed"];

/** Handovers matching `where` whose conversation is in the staff member's area. */
export async function visibleHandovers(db: Db, staff: Staff, where: Prisma.HandoverWhereInput, take = 500): Promise<VisibleHandover[]> {
  const rows = await db.handover.findMany({ where, orderBy: { id: "asc" }, take });
  if (rows.length === 0) return [];
  const area = conversationAreaWhere(staff);
  // A danger flag whose person has no area yet (her first message, on an account with no
  // province) is every province officer's to see, not the centre's alone; once she names her
  // commune it is that area's, like any other.
  const unplaced = { provinceCode: null, communeCode: null };
  const convs = await db.conversation.findMany({
    where: { id: { in: [...new Set(rows.map((h) => h.conversationId))] }, ...(staff.role === "province_staff" ? { OR: [area, unplaced] } : area) },
    select: CONVERSATION_FIELDS,
  });
  const byId = new Map(convs.map((c) => [c.id, c]));
  return rows.flatMap((handover) => {
    const conversation = byId.get(handover.conversationId);
    if (!conversation) return [];
    const placed = conversation.provinceCode !== null || conversation.communeCode !== null;
    if (staff.role === "province_staff" && !placed && handover.reason !== "danger") return [];
    return [{ handover, conversation }];
  });
}

export async function findVisibleHandover(db: Db, staff: Staff, rawId: string | undefined): Promise<VisibleHandover | null> {
  const id = /^\d{1,9}$/.test(rawId ?? "") ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id)) return null;
  return (await visibleHandovers(db, staff, { id }, 1))[0] ?? null;
}

/** Danger first (most severe, then longest waiting), then requests (longest waiting), then erased ones. */
export function inboxOrder(a: Handover, b: Handover): number {
  const erased = Number(a.erasedAt !== null) - Number(b.erasedAt !== null);
  if (erased !== 0) return erased; // an erased (closed) one goes after everything still waiting
  const danger = Number(b.reason === "danger") - Number(a.reason === "danger");
  if (danger !== 0) return danger;
  if (a.reason === "danger" && a.severity !== b.severity) return b.severity - a.severity;
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
}

/** Names of the staff holding these handovers (claimedBy keeps the staff id). */
export async function holderNames(db: Db, rows: Handover[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((h) => Number(h.claimedBy)).filter((n) => Number.isSafeInteger(n) && n > 0))];
  if (ids.length === 0) return new Map();
  const people = await db.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [String(p.id), p.name]));
}
