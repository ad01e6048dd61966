// Group commit for the webhook path. Every request still answers only after its events are
// in the database, but requests that arrive while one INSERT is running share the next
// one: under load, one statement (and one pass through Prisma, the costly part) carries
// many webhooks; when it is quiet, a request has its own statement at once.
import type { Db } from "../db/client.js";
import { storeGroup, type StoreResult } from "./inbox-store.js";
import type { InboundEvent } from "./messages.js";

interface Waiting {
  events: InboundEvent[];
  resolve: (r: StoreResult) => void;
  reject: (err: unknown) => void;
}

export interface InboxBatcherOptions {
  /** Events in one group; a request is never split across groups. */
  maxEvents?: number;
}

export class InboxBatcher {
  private queue: Waiting[] = [];
  private draining = false;
  private readonly maxEvents: number;

  constructor(
    private readonly db: Db,
    opts: InboxBatcherOptions = {},
  ) {
    this.maxEvents = opts.maxEvents ?? 200;
  }

  /** Stores one request's events; resolves once they are committed. */
  store(events: InboundEvent[]): Promise<StoreResult> {
    if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    return new Promise<StoreResult>((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the requests already parsed in this turn of the event loop join the group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.takeGroup());
    } finally {
      this.draining = false;
    }
  }

  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    let events = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (group.length > 0 && events + next.events.length > this.maxEvents) break;
      group.push(this.queue.shift()!);
      events += next.events.length;
    }
    return group;
  }

  private async commit(group: Waiting[]): Promise<void> {
    try {
      const results = await storeGroup(this.db, group.map((w) => w.events));
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      // One request's trouble must not fail the others: retry each on its own.
      for (const w of group) await this.commit([w]);
    }
  }
}
