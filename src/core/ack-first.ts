// Acknowledgements before work. The webhook path and the workers share one event loop and
// (on SQLite) one connection; a worker with a backlog always has a query ready, so under a
// burst the acks starved (measured: ~1,800/s alone, ~120/s beside busy workers) until the
// platforms' 2-second deadline came close and they would redeliver, adding load. While
// webhooks are being handled or have just been, a worker's next step waits for a quiet
// moment (at most `maxWaitMs`, so work never stops) and runs alone, not beside others.

export interface AckFirstOptions {
  /** The longest a worker step waits for quiet (work never stops for a burst). */
  maxWaitMs?: number;
  /**
   * How long after the last answer it counts as quiet. Not zero: under load the next
   * requests are still unread in their sockets when the last one answers (measured: the
   * in-flight count touched zero between most acks at full load).
   */
  quietGapMs?: number;
}

export class AckFirst {
  private inFlight = 0;
  private lastActivity = 0;
  private readonly gates = new Set<StepGate>();
  private quietWaiters: (() => void)[] = [];
  private quietTimer: NodeJS.Timeout | null = null;
  readonly maxWaitMs: number;
  readonly quietGapMs: number;

  constructor(o: AckFirstOptions = {}) {
    this.maxWaitMs = o.maxWaitMs ?? 25;
    this.quietGapMs = o.quietGapMs ?? 3;
  }

  /** A webhook request began; call the returned function (once) when it has answered. */
  begin(): () => void {
    this.inFlight++;
    this.lastActivity = performance.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.lastActivity = performance.now();
      if (this.inFlight === 0) this.scheduleQuietCheck();
    };
  }

  get busy(): boolean {
    return this.inFlight > 0 || performance.now() - this.lastActivity < this.quietGapMs;
  }

  /** Resolves when it is quiet, or after maxWaitMs, whichever comes first. */
  quiet(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.maxWaitMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.quietWaiters.push(done);
      this.scheduleQuietCheck();
    });
  }

  private scheduleQuietCheck(): void {
    if (this.quietTimer || this.inFlight > 0) return;
    const wait = Math.max(0, this.quietGapMs - (performance.now() - this.lastActivity));
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null;
      if (this.inFlight > 0) return; // the last answer will check again
      if (this.busy) return this.scheduleQuietCheck();
      const waiters = this.quietWaiters;
      this.quietWaiters = [];
      for (const w of waiters) w();
      for (const g of this.gates) g.pump();
    }, wait);
    this.quietTimer.unref();
  }

  /** A gate for one worker, letting `quietLimit` steps run at once when no webhook waits. */
  gate(quietLimit: number): StepGate {
    const g = new StepGate(this, quietLimit);
    this.gates.add(g);
    return g;
  }
}

export class StepGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly acks: AckFirst,
    private readonly quietLimit: number,
  ) {}

  private get limit(): number {
    return this.acks.busy ? 1 : this.quietLimit;
  }

  async step<T>(fn: () => Promise<T>): Promise<T> {
    await this.acks.quiet();
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // pump() took the slot for us
    try {
      return await fn();
    } finally {
      this.running--;
      this.pump();
    }
  }

  /** Hands free slots to waiting steps. */
  pump(): void {
    while (this.waiting.length > 0 && this.running < this.limit) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}
