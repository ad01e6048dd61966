// A worker loop: drain while there is work, otherwise sleep until the poll interval
// passes or someone nudges (the webhook after storing, the inbox after queueing).
import { errorFields, log } from "../log.js";

export class WorkLoop {
  private running = false;
  private wake: (() => void) | null = null;
  private nudged = false;
  private done: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<number>,
    private readonly pollMs: number,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = 0;
      try {
        this.nudged = false;
        worked = await this.tick();
      } catch (err) {
        log.error(`${this.name} tick failed`, errorFields(err));
      }
      if (!this.running) break;
      if (worked > 0 || this.nudged) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

/** Runs fn over items with at most `limit` at once. */
export async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}
