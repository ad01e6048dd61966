// Closed-loop acknowledgement throughput with autocannon: every request is a fresh,
// correctly signed user_send_text from one of `users` people.
import autocannon from "autocannon";
import { benchOaId, benchUserId, signedTextEvent, WEBHOOK_PATH } from "./zalo-events.js";

export interface AckOptions {
  connections: number;
  durationSec: number;
  users: number;
  /** First bench user number, so phases do not share people. */
  userBase: number;
  /** Spread the requests over this many OAs (benchOaId 0…n-1); default 1, the environment's OA. */
  accounts?: number;
  /**
   * Random msg_ids (as Zalo's, see signedTextEvent) and people writing in random order, as
   * they do. In order, user n+1 follows user n and every insert lands next to the last one in
   * the inbox's conversation indexes; spread over many accounts they cannot, which would
   * measure the bench's own order rather than the accounts.
   */
  randomIds?: boolean;
}

export interface AckResult {
  /** 2xx responses per second over the whole run (what the ratio is computed from). */
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
}

export async function runAck(url: string, o: AckOptions): Promise<AckResult> {
  let n = 0;
  const result = await autocannon({
    url: url + WEBHOOK_PATH,
    method: "POST",
    connections: o.connections,
    duration: o.durationSec,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path: WEBHOOK_PATH,
        setupRequest: (req) => {
          const i = n++;
          const user = o.randomIds ? Math.floor(Math.random() * o.users) : i % o.users;
          const e = signedTextEvent(benchUserId(o.userBase + user), Date.now(), benchOaId(user % (o.accounts ?? 1)), o.randomIds === true); // a person writes to one OA
          return { ...req, method: "POST", path: WEBHOOK_PATH, body: e.body, headers: e.headers };
        },
      },
    ],
  });
  return {
    rps: round(result["2xx"] / result.duration),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result["2xx"] + result.non2xx,
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration,
  };
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
