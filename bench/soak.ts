// npm run bench:soak — the real server (workers on, SQLite) under a steady open-loop load for
// BENCH_SOAK_SEC (600) at BENCH_SOAK_RATE greetings a second (50) from BENCH_SOAK_USERS people,
// against the fake Zalo on 127.0.0.1. Every 30 s one JSON line: the server's RSS, heap, event-loop
// delay (p50 / p99 / max since the last line), acks and replies so far. Flat is the goal:
// the last line compares the final RSS with the one at the first minute.
import { round } from "./ack-phase.js";
import { startTarget } from "./child.js";
import { postEvent, replies } from "./e2e-phase.js";
import { benchUserId } from "./zalo-events.js";
import { FakeZalo } from "../tests/support/fake-zalo.js";

const num = (k: string, d: number) => Number(process.env[k] ?? d) || d;
const SEC = num("BENCH_SOAK_SEC", 600);
const RATE = num("BENCH_SOAK_RATE", 50);
const USERS = num("BENCH_SOAK_USERS", 2000);
const EVERY = num("BENCH_SOAK_EVERY_SEC", 30);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  // Bounded recording: the fake runs as long as the soak.
  const fake = new FakeZalo({ maxRecorded: 200_000 });
  const fakeUrl = (await fake.start()).url;
  const target = await startTarget("server", { BENCH_WORKERS: "1", BENCH_FAKE_ZALO_URL: fakeUrl, BENCH_LOG_LEVEL: "info" });
  const start = Date.now();
  let sent = 0;
  let acked = 0;
  let failed = 0;
  const samples: Record<string, number>[] = [];
  let nextSample = start + EVERY * 1000;
  while (Date.now() - start < SEC * 1000) {
    const due = Math.floor(((Date.now() - start) / 1000) * RATE);
    while (sent < due) {
      const u = benchUserId(9_000_000 + (sent++ % USERS));
      void postEvent(target.url, u).then((s) => (s === 200 ? acked++ : failed++));
    }
    if (Date.now() >= nextSample) {
      nextSample += EVERY * 1000;
      const s = { elapsedSec: Math.round((Date.now() - start) / 1000), ...(await target.sample()), sent, acked, failed, replies: replies(fake).length };
      samples.push(s);
      process.stdout.write(JSON.stringify(s) + "\n");
    }
    await sleep(5);
  }
  await target.stop();
  await fake.stop();
  const first = samples.find((s) => (s.elapsedSec ?? 0) >= 60) ?? samples[0];
  const last = samples.at(-1);
  process.stdout.write(JSON.stringify({ soak: "done", seconds: SEC, ratePerSec: RATE, rssMbAtOneMinute: first?.rssMb, rssMbAtEnd: last?.rssMb, rssGrowthMb: first && last ? round((last.rssMb ?? 0) - (first.rssMb ?? 0)) : null, maxLagP99Ms: Math.max(...samples.map((s) => s.lagP99Ms ?? 0)), failed }) + "\n");
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:soak failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
