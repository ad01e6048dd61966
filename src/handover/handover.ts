// Conversations that need a person. A danger flag or a "talk to someone" request opens
// (or raises) one open handover per conversation; staff claim and release it later.
import type { Tx } from "../db/client.js";

export type HandoverReason = "danger" | "request";

export async function openHandover(
  tx: Tx,
  conversationId: number,
  reason: HandoverReason,
  severity: number,
  category?: string,
): Promise<{ id: number; created: boolean }> {
  const open = await tx.handover.findFirst({
    where: { conversationId, status: { in: ["open", "claimed"] } },
    orderBy: { id: "desc" },
  });
  if (open) {
    // Danger outranks a plain request; a higher severity raises the flag.
    const raise = severity > open.severity || (reason === "danger" && open.reason !== "danger");
    if (raise) {
      await tx.handover.update({
        where: { id: open.id },
        // Raised now: on-duty notices start again from this moment (a request that became danger is announced).
        data: { reason: reason === "danger" ? "danger" : open.reason, severity: Math.max(severity, open.severity), category: category ?? open.category, raisedAt: new Date(), noticeCount: 0, lastNoticeAt: null },
      });
    }
    return { id: open.id, created: false };
  }
  const row = await tx.handover.create({ data: { conversationId, reason, severity, category: category ?? null, raisedAt: new Date() } });
  return { id: row.id, created: true };
}
