// The part the inbox and outbox workers share: a loop that finds the oldest unfinished
// row of each conversation (headsOfLine), and handles those heads with bounded
// concurrency, never two rows of one conversation at once in this process.
import type { StepGate } from "./ack-first.js";
import { headsOfLine, type QueueRow } from "./claim.js";
import type { Claimed } from "./claim-pg.js";
import { eachLimited, WorkLoop } from "./loop.js";

export abstract class QueueWorker<R extends QueueRow> {
  private readonly loop: WorkLoop;
  private readonly inFlight = new Set<string>();
  protected readonly now: () => Date;

  constructor(
    name: string,
    pollMs: number,
    private readonly concurrency: number,
    now?: () => Date,
    private readonly gate?: StepGate,
  ) {
    this.now = now ?? (() => new Date());
    this.loop = new WorkLoop(name, () => this.tick(), pollMs);
  }

  start(): void {
    this.loop.start();
  }
  stop(): Promise<void> {
    return this.loop.stop();
  }
  nudge(): void {
    this.loop.nudge();
  }

  /** Unfinished rows, oldest first. */
  protected abstract unfinished(now: Date): Promise<R[]>;
  /** Whether a head that no live lease holds may be taken now. */
  protected abstract ready(row: R, now: Date): boolean;
  /** Handles one row, claiming it first unless `claimed` (claimMany took it); true when it finished work. */
  protected abstract handle(id: number, claimed: boolean): Promise<boolean>;
  /** PostgreSQL: claims up to `limit` heads in one statement (claim-pg.ts); null on SQLite (scan, then claim each). */
  protected claimMany(_now: Date, _exclude: string[], _limit: number): Promise<Claimed[]> | null {
    return null;
  }

  async tick(): Promise<number> {
    const now = this.now();
    const many = this.claimMany(now, [...this.inFlight], this.concurrency * 2);
    const claimed = many !== null;
    const heads: { id: number; conversationKey: string }[] = many ? await many : headsOfLine(await this.unfinished(now), now, (r) => this.ready(r, now), this.inFlight);
    let done = 0;
    await eachLimited(heads, this.concurrency, async (row) => {
      this.inFlight.add(row.conversationKey);
      try {
        // On SQLite every query resolves without real I/O, so without this a tick of many
        // rows would run as one long chain of microtasks and no webhook could even be read.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const finished = this.gate ? await this.gate.step(() => this.handle(row.id, claimed)) : await this.handle(row.id, claimed);
        if (finished) done++;
      } finally {
        this.inFlight.delete(row.conversationKey);
      }
    });
    return done;
  }
}
