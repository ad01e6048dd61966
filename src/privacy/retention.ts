// Villagers' messages can reveal violence: the text of stored inbound events is kept
// only as long as processing and a short review need it, then blanked. Rows stay (ids,
// kinds, times) so de-duplication and counts keep working.
import cron from "node-cron";
import type { Db } from "../db/client.js";
import { errorFields, log } from "../log.js";
import type { InboundEvent } from "../core/messages.js";

const BATCH = 500;

export async function purgeOldText(db: Db, olderThan: Date): Promise<number> {
  let purged = 0;
  for (;;) {
    const rows = await db.inboxEvent.findMany({
      where: { receivedAt: { lt: olderThan }, status: { in: ["done", "skipped", "failed"] }, NOT: { payload: { contains: '"purged":true' } } },
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

/** Daily at 03:15 Vietnam time, when nobody is writing. */
export function scheduleRetention(db: Db, retentionDays: number): { stop(): void } {
  const task = cron.schedule(
    "15 3 * * *",
    async () => {
      try {
        const n = await purgeOldText(db, new Date(Date.now() - retentionDays * 86_400_000));
        log.info("retention purge", { purged: n, retentionDays });
      } catch (err) {
        log.error("retention purge failed", errorFields(err));
      }
    },
    { timezone: "Asia/Ho_Chi_Minh" },
  );
  return { stop: () => void task.stop() };
}
