// The campaign send rate held in the database, so it holds across instances: the platforms'
// limits are per OA/Page (Zalo's per app, Messenger's per Page), not per process. One row per
// account (RateBucket); a tick reserves what it may send in one conditional update (optimistic:
// the row's `at` must be what it read, else it reads again), and gives back what it did not use.
// Hand-written rather than rate-limiter-flexible: that library grants or refuses a whole
// request, while a dispatcher asks "how many of these may go now" and takes a partial grant.
import type { Db } from "../db/client.js";
import type { SendBudget } from "./rate.js";

const TRIES = 5;

export class DbRateBuckets implements SendBudget {
  constructor(private readonly db: Db, private readonly burstSec = 1.5) {}

  async reserve(channel: string, ratePerSec: number, want: number, now: Date): Promise<number> {
    const key = `campaign:${channel}`;
    const cap = Math.round(ratePerSec * this.burstSec * 1000);
    for (let i = 0; i < TRIES; i++) {
      const row = await this.db.rateBucket.findUnique({ where: { key } });
      if (!row) {
        // A new bucket holds one second's worth: the first tick sends at the rate, not at the cap.
        const grant = Math.min(want, Math.floor(ratePerSec));
        try {
          await this.db.rateBucket.create({ data: { key, milliTokens: Math.round(ratePerSec * 1000) - grant * 1000, at: now } });
          return grant;
        } catch {
          continue; // another instance made it: read it
        }
      }
      const elapsed = Math.max(0, now.getTime() - row.at.getTime());
      // Thousandths of a token per millisecond = the rate per second.
      const milli = Math.min(cap, row.milliTokens + Math.floor(elapsed * ratePerSec));
      const grant = Math.max(0, Math.min(want, Math.floor(milli / 1000)));
      const at = now.getTime() > row.at.getTime() ? now : row.at;
      const won = await this.db.rateBucket.updateMany({ where: { key, at: row.at, milliTokens: row.milliTokens }, data: { milliTokens: milli - grant * 1000, at } });
      if (won.count === 1) return grant;
    }
    return 0; // contended: send nothing this tick rather than too much
  }

  async giveBack(channel: string, calls: number): Promise<void> {
    if (calls <= 0) return;
    await this.db.rateBucket.updateMany({ where: { key: `campaign:${channel}` }, data: { milliTokens: { increment: calls * 1000 } } });
  }
}
