// The per-channel send rate of campaigns: a token bucket per channel, shared by every campaign
// on that channel (two campaigns at once do not double an OA's rate). Tokens are platform
// calls; they accrue with the time between ticks, so a tick that starts late sends more, and the
// run keeps the configured rate while ticks are up to 1.5 s apart. At most 1.5 seconds' worth
// is kept: a channel that waited (quiet hours, a pause) does not burst past its platform's limit.
/** Campaign sends a channel may make now: reserve up front, give back what was not used. */
export interface SendBudget {
  reserve(channel: string, ratePerSec: number, want: number, now: Date): Promise<number>;
  giveBack(channel: string, calls: number): Promise<void>;
}

/** In one process (unit tests, a single instance): the same rule as the database buckets in rate-db.ts. */
export class RateBuckets implements SendBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly burstSec = 1.5) {}

  /** Calls the channel may make now at `ratePerSec`. */
  available(channel: string, ratePerSec: number, now: Date): number {
    const t = now.getTime();
    const b = this.buckets.get(channel);
    const cap = ratePerSec * this.burstSec;
    // A new bucket holds one second's worth: the first tick sends at the rate, not at the cap.
    const tokens = b ? Math.min(cap, b.tokens + ((t - b.at) / 1000) * ratePerSec) : ratePerSec;
    this.buckets.set(channel, { tokens, at: t });
    return Math.floor(tokens);
  }

  /** `calls` were made (queued for sending) on the channel. */
  take(channel: string, calls: number): void {
    const b = this.buckets.get(channel);
    if (b) b.tokens = Math.max(0, b.tokens - calls);
  }

  async reserve(channel: string, ratePerSec: number, want: number, now: Date): Promise<number> {
    const grant = Math.min(want, this.available(channel, ratePerSec, now));
    this.take(channel, grant);
    return grant;
  }

  async giveBack(channel: string, calls: number): Promise<void> {
    const b = this.buckets.get(channel);
    if (b && calls > 0) b.tokens += calls;
  }
}
