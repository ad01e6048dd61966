// Head-of-line claiming shared by the inbox and outbox workers: among unfinished rows,
// only the oldest of each conversation may be taken, so one person's messages are
// handled (and replies sent) in order, while different people proceed in parallel.

export interface QueueRow {
  id: number;
  conversationKey: string;
  status: string;
  leaseUntil: Date | null;
}

/**
 * @param rows unfinished rows ordered by id
 * @param isReady whether a row that is not held by a live lease may be taken now
 */
export function headsOfLine<T extends QueueRow>(rows: T[], now: Date, isReady: (row: T) => boolean, inFlight: Set<string>): T[] {
  const seen = new Set<string>();
  const heads: T[] = [];
  for (const row of rows) {
    if (seen.has(row.conversationKey)) continue;
    seen.add(row.conversationKey);
    if (inFlight.has(row.conversationKey)) continue;
    const held = row.leaseUntil !== null && row.leaseUntil > now && isLeasedStatus(row.status);
    if (!held && isReady(row)) heads.push(row);
  }
  return heads;
}

function isLeasedStatus(status: string): boolean {
  return status === "processing" || status === "sending";
}
