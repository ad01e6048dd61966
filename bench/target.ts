// Child process that hosts one measured server, so the load generator (in bench/run.ts)
// and the server do not share an event loop. Talks to the parent over IPC:
//   child → {type:"ready", url}   parent → {type:"stop"}   child → {type:"stopped", stats}
// BENCH_TARGET: bare | bare-sqlite | server. bench/sql-meter.ts counts its SQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBare, startBareSqlite, type BareTarget } from "./bare-apps.js";
import { startProfile, stopProfile } from "./profiler.js";
import { installSqlMeter, resetSqlMeter, sqlSummary } from "./sql-meter.js";
import { monitorEventLoopDelay } from "node:perf_hooks";

installSqlMeter();

async function main(): Promise<void> {
  const kind = process.env.BENCH_TARGET ?? "bare";
  const dir = mkdtempSync(join(tmpdir(), "ct-bench-"));
  const dbPath = join(dir, "bench.db");
  let target: BareTarget;
  if (kind === "bare") target = await startBare();
  else if (kind === "bare-sqlite") target = await startBareSqlite(dbPath);
  else {
    // Imported only here: the baselines must not load (or pay for) the application.
    const { startRealServer } = await import("./server-target.js");
    target = await startRealServer({
      dbPath,
      fakeZaloUrl: process.env.BENCH_FAKE_ZALO_URL ?? "http://127.0.0.1:9",
      workers: process.env.BENCH_WORKERS !== "0",
      accounts: Number(process.env.BENCH_ACCOUNTS ?? "1") || 1,
      logLevel: (process.env.BENCH_LOG_LEVEL as "info" | undefined) ?? "info",
    });
  }
  process.send!({ type: "ready", url: target.url });
  // bench/soak.ts asks every 30 s: this process's RSS and event-loop delay since the last ask.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  process.on("message", (msg: { type?: string }) => {
    if (msg.type === "sample") {
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      process.send!({ type: "sample", rssMb: Math.round(process.memoryUsage().rss / 1e6), heapMb: Math.round(process.memoryUsage().heapUsed / 1e6), lagP50Ms: ms(lag.percentile(50)), lagP99Ms: ms(lag.percentile(99)), lagMaxMs: ms(lag.max) });
      lag.reset();
      return;
    }
    if (msg.type === "measure") {
      // Start-up and warm-up statements are not the measured workload.
      resetSqlMeter();
      void startProfile();
    }
    if (msg.type !== "stop") return;
    void (async () => {
      const profile = await stopProfile(`${kind}${process.env.BENCH_WORKERS ? `-workers${process.env.BENCH_WORKERS}` : ""}-${Date.now()}`);
      const sql = sqlSummary();
      const stats = { ...(await target.stats()), ...(profile ? { cpuProfile: profile } : {}) };
      // A worker in the middle of a long tick can hold a graceful stop for many seconds;
      // the database is a throw-away file, so give it a moment and then just exit.
      await Promise.race([target.stop(), new Promise((r) => setTimeout(r, 2000))]);
      rmSync(dir, { recursive: true, force: true });
      process.send!({ type: "stopped", stats: { ...stats, sql } }, () => process.exit(0));
    })();
  });
  // If the parent dies, do not linger.
  process.on("disconnect", () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench target failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
