// A staff member takes a conversation from the bot, and gives it back. Only one person can
// hold it: the claim is a conditional update that a second claimer loses. While it is held
// the conversation is handledBy "human" and the bot answers nothing but danger (bot/route.ts).
import type { Db, Tx } from "../db/client.js";

export type ClaimOutcome = { ok: true } | { ok: false; status: string; heldBy: string | null };

export async function claimHandover(db: Db, id: number, staffId: string, now = new Date()): Promise<ClaimOutcome> {
  return db.$transaction(async (tx) => {
    const won = await tx.handover.updateMany({
      where: { id, status: "open" },
      data: { status: "claimed", claimedBy: staffId, claimedAt: now, lastHumanAt: now, heldVia: "console" },
    });
    const row = await tx.handover.findUnique({ where: { id } });
    if (!row) return { ok: false, status: "missing", heldBy: null };
    if (won.count === 1) {
      await setHandledBy(tx, row.conversationId, "human");
      return { ok: true };
    }
    // Claiming twice (a double click) is not a conflict.
    if (row.status === "claimed" && row.claimedBy === staffId) return { ok: true };
    return { ok: false, status: row.status, heldBy: row.claimedBy };
  });
}

/**
 * Closes a held handover and gives the conversation back to the bot. Only the holder may,
 * unless `anyHolder` (a centre admin freeing a conversation someone left claimed); one held
 * from the platform's own inbox (no console holder) any staff member of the area may release.
 */
export async function releaseHandover(db: Db, id: number, staffId: string, anyHolder: boolean, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const done = await tx.handover.updateMany({
      where: { id, status: "claimed", ...(anyHolder ? {} : { OR: [{ claimedBy: staffId }, { heldVia: "platform", claimedBy: null }] }) },
      data: { status: "closed", closedAt: now },
    });
    if (done.count !== 1) return false;
    const row = await tx.handover.findUniqueOrThrow({ where: { id } });
    const stillHeld = await tx.handover.count({ where: { conversationId: row.conversationId, status: "claimed" } });
    if (stillHeld === 0) await setHandledBy(tx, row.conversationId, "bot");
    return true;
  });
}

/** Marks the holder as not silent (a console reply): the auto-release clock starts again. */
export async function touchHandover(db: Db, id: number, now = new Date()): Promise<void> {
  await db.handover.updateMany({ where: { id, status: "claimed" }, data: { lastHumanAt: now } });
}

/** Bumps the version too, so a bot turn already running for this person starts again with the new owner. */
export async function setHandledBy(tx: Tx, conversationId: number, handledBy: "human" | "bot"): Promise<void> {
  await tx.conversation.updateMany({ where: { id: conversationId }, data: { handledBy, version: { increment: 1 } } });
}
