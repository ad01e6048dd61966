// Per-channel sending state in the database, shared by every instance: a pause after an
// auth failure (so retries are not burned against a dead token) and rotated tokens.
import type { Db, Tx } from "../db/client.js";

export async function pausedChannels(db: Db, now: Date): Promise<Set<string>> {
  const rows = await db.channelState.findMany({ where: { pausedUntil: { gt: now } }, select: { channel: true } });
  return new Set(rows.map((r) => r.channel));
}

export async function pauseChannel(db: Db | Tx, channel: string, until: Date, reason: string): Promise<void> {
  await db.channelState.upsert({
    where: { channel },
    create: { channel, pausedUntil: until, pausedReason: reason },
    update: { pausedUntil: until, pausedReason: reason },
  });
}

/** Staff renewed the credentials: lift the pause and release the rows it was holding. */
export async function resumeChannel(db: Db, channel: string, now = new Date()): Promise<void> {
  await db.channelState.updateMany({ where: { channel }, data: { pausedUntil: null, pausedReason: null } });
  await db.outboxMessage.updateMany({ where: { channel, status: "retry", errorClass: "auth" }, data: { nextAttemptAt: now } });
}
