// Villagers' messages can reveal violence: what they wrote and what was written back to
// them (a staff reply may hold a phone number or an address) is kept only as long as
// processing and a short review need it, then blanked. Rows stay (ids, kinds, statuses,
// times) so de-duplication, receipts and counts keep working. The handover transcript
// staff read is built from these same rows, so it empties with them. The same daily run
// (jobs/retention.ts) deletes erasure tombstones past their window and ended rate-limit windows.
import type { Db } from "../db/client.js";
import { deleteEndedWindows } from "../db/rate-window.js";
import type { InboundEvent } from "../core/messages.js";
import { ERASED } from "./forget.js";

const BATCH = 500;
const PURGED = JSON.stringify({ purged: true });
/** Outbound rows that will not be sent again. */
const FINISHED_OUT = ["sent", "delivered", "read", "failed"];

export interface RetentionPolicy {
  retentionDays: number;
  erasedKeysDays: number;
}

export interface PurgeCounts {
  inbound: number;
  outbound: number;
  tombstones: number;
  rateWindows: number;
  simulator: number;
  pendingImports: number;
}

export async function purgeOldText(db: Db, olderThan: Date): Promise<number> {
  let purged = 0;
  for (;;) {
    const rows = await db.inboxEvent.findMany({
      where: { receivedAt: { lt: olderThan }, status: { in: ["done", "skipped", "failed"] }, kind: { not: ERASED }, NOT: { payload: { contains: '"purged":true' } } },
      select: { id: true, payload: true },
      take: BATCH,
    });
    if (rows.length === 0) return purged;
    for (const row of rows) {
      const event = JSON.parse(row.payload) as InboundEvent & { purged?: boolean };
      const { text: _text, payload: _payload, location: _location, attachments: _attachments, ...kept } = event;
      await db.inboxEvent.update({ where: { id: row.id }, data: { payload: JSON.stringify({ ...kept, purged: true }) } });
      purged++;
    }
  }
}

/** Rendered bodies of finished outbound messages: the words go, the row and its status stay. */
export async function purgeOldReplies(db: Db, olderThan: Date): Promise<number> {
  const done = await db.outboxMessage.updateMany({
    where: { createdAt: { lt: olderThan }, status: { in: FINISHED_OUT }, payload: { not: PURGED } },
    data: { payload: PURGED },
  });
  return done.count;
}

/** Tombstones outlive every platform's redelivery window, then go (the age checks refuse older bodies). */
export async function deleteOldTombstones(db: Db, olderThan: Date): Promise<number> {
  return (await db.inboxEvent.deleteMany({ where: { kind: ERASED, receivedAt: { lt: olderThan } } })).count;
}

export async function runRetention(db: Db, policy: RetentionPolicy, now = new Date()): Promise<PurgeCounts> {
  const textCutoff = new Date(now.getTime() - policy.retentionDays * 86_400_000);
  return {
    inbound: await purgeOldText(db, textCutoff),
    outbound: await purgeOldReplies(db, textCutoff),
    tombstones: await deleteOldTombstones(db, new Date(now.getTime() - policy.erasedKeysDays * 86_400_000)),
    rateWindows: await deleteEndedWindows(db, now),
    // The simulator's chat (typed test text) goes with the rest of the old text; a CSV import
    // left unconfirmed holds addresses only for its 30 minutes.
    simulator: (await db.simulatorEntry.deleteMany({ where: { createdAt: { lt: textCutoff } } })).count,
    pendingImports: (await db.pendingImport.deleteMany({ where: { expiresAt: { lte: now } } })).count,
  };
}
