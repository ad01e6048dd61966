// Exponential backoff with full jitter, bounded; a platform's Retry-After wins when longer.
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const RETRY_POLICY: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };
export const RATE_LIMIT_POLICY: BackoffPolicy = { baseMs: 5_000, capMs: 10 * 60_000 };

export function backoffMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: spreads retries of a burst without ever retrying at once.
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** A platform's own wait (quota reset, Zalo's 06:00 quiet-hours end) is honoured up to this. */
export const MAX_PLATFORM_WAIT_MS = 12 * 3600_000;

export function retryDelayMs(attempt: number, policy: BackoffPolicy, retryAfterMs?: number, random?: () => number): number {
  const computed = backoffMs(attempt, policy, random);
  return retryAfterMs !== undefined ? Math.max(computed, Math.min(retryAfterMs, MAX_PLATFORM_WAIT_MS)) : computed;
}
