// npm run bench:scale — scale-out on this machine, printed as JSON (bench/results/scale-latest.json).
//  1. Turns per second on PostgreSQL with one web process and 1, then 2, worker processes
//     (`npm start -- --role=…`): a backlog of BENCH_SCALE_EVENTS greetings from BENCH_SCALE_USERS
//     people is acknowledged by the web process, and the workers' rate is taken between 10 % and
//     90 % of it done. The ratio 2:1 is capped by this machine's cores (2): the per-core figure
//     is what extrapolates to a bigger machine.
//  2. The web/worker split on SQLite: acknowledgement throughput and p99 of the web process while a
//     worker process answers 100 conversations a second, against bare Express in the same run.
// A private PostgreSQL cluster (Debian's binaries) and the fake Zalo run on 127.0.0.1 only.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { startChild, type Child } from "../tests/support/child-server.js";
import { FakeZalo } from "../tests/support/fake-zalo.js";
import { PgCluster } from "../tests/support/pg-cluster.js";
import { round, runAck } from "./ack-phase.js";
import { startTarget } from "./child.js";
import { postEvent } from "./e2e-phase.js";
import { benchUserId } from "./zalo-events.js";

const num = (k: string, d: number) => Number(process.env[k] ?? d) || d;
const EVENTS = num("BENCH_SCALE_EVENTS", 4000);
const USERS = num("BENCH_SCALE_USERS", 400);
const ACK_SEC = num("BENCH_SCALE_ACK_SEC", 10);
const RATE = num("BENCH_SCALE_RATE", 100);
const progress = (m: string) => process.stderr.write(`bench:scale: ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pgDatabase(cluster: PgCluster, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: cluster.url });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Posts `events` greetings from `users` people, 32 at a time (one per person at once). */
async function backlog(url: string, events: number, users: number, base: number): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < events) {
        const i = next++;
        if ((await postEvent(url, benchUserId(base + (i % users)))) !== 200) failed++;
      }
    }),
  );
  return failed;
}

async function turnsPhase(cluster: PgCluster, fakeUrl: string, workers: number) {
  const dbUrl = await pgDatabase(cluster, `bench_scale_w${workers}`);
  await migrate(dbUrl);
  const db = await openDatabase(dbUrl);
  const children: Child[] = [];
  try {
    const web = await startChild(dbUrl, fakeUrl, "web");
    children.push(web);
    for (let i = 0; i < workers; i++) children.push(await startChild(dbUrl, fakeUrl, "worker", { WORKER_POLL_MS: "50" }));
    progress(`turns: ${workers} worker(s), ${EVENTS} events from ${USERS} people`);
    const posting = backlog(web.url, EVENTS, USERS, 1_000_000 * workers);
    const done = () => db.db.inboxEvent.count({ where: { status: "done" } });
    let t10 = 0;
    let t90 = 0;
    const started = Date.now();
    while (Date.now() - started < 600_000) {
      const n = await done();
      if (!t10 && n >= EVENTS * 0.1) t10 = Date.now();
      if (!t90 && n >= EVENTS * 0.9) t90 = Date.now();
      if (n >= EVENTS) break;
      await sleep(100);
    }
    const failedPosts = await posting;
    const turnsPerSec = t90 > t10 ? round((EVENTS * 0.8) / ((t90 - t10) / 1000)) : 0;
    return { workers, events: EVENTS, failedPosts, turnsPerSec, perWorkerProcess: round(turnsPerSec / workers) };
  } finally {
    await Promise.all(children.map((c) => c.kill()));
    await db.close();
  }
}

/** Events at a fixed rate (open loop) to `users` people until stopped. */
function steadyStream(url: string, ratePerSec: number, users: number, base: number): { stop(): Promise<number> } {
  let running = true;
  let sent = 0;
  const loop = (async () => {
    const start = Date.now();
    const inFlight: Promise<number>[] = [];
    while (running) {
      const due = Math.floor(((Date.now() - start) / 1000) * ratePerSec);
      while (sent < due) inFlight.push(postEvent(url, benchUserId(base + (sent++ % users))));
      await sleep(5);
    }
    await Promise.all(inFlight);
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return sent;
    },
  };
}

async function splitPhase(fakeUrl: string) {
  const bare = await startTarget("bare");
  progress(`split: bare Express, ${ACK_SEC}s`);
  const a = await runAck(bare.url, { connections: 32, durationSec: ACK_SEC, users: 2000, userBase: 5_000_000 });
  await bare.stop();
  const dir = mkdtempSync(join(tmpdir(), "ct-bench-split-"));
  const dbUrl = `file:${join(dir, "split.db")}`;
  await migrate(dbUrl);
  const web = await startChild(dbUrl, fakeUrl, "web");
  const worker = await startChild(dbUrl, fakeUrl, "worker", { WORKER_POLL_MS: "50" });
  try {
    // The conversations the worker answers at RATE a second, running through the measurement.
    const stream = steadyStream(web.url, RATE, 500, 6_000_000);
    await sleep(3000);
    progress(`split: web process under autocannon while the worker answers ${RATE}/s, ${ACK_SEC}s`);
    const b = await runAck(web.url, { connections: 32, durationSec: ACK_SEC, users: 2000, userBase: 7_000_000 });
    const streamed = await stream.stop();
    return { bareExpress: a, webWithWorkerRunning: b, ratio: a.rps > 0 ? round(b.rps / a.rps, 3) : 0, p99Ms: b.p99Ms, streamedEvents: streamed, target: { ratio: 0.5, p99Ms: 25 } };
  } finally {
    await Promise.all([web.kill(), worker.kill()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const fake = new FakeZalo();
  const fakeUrl = (await fake.start()).url;
  const cluster = await PgCluster.create();
  if (!cluster) throw new Error("PostgreSQL binaries not found (apt-get install postgresql)");
  try {
    const one = await turnsPhase(cluster, fakeUrl, 1);
    fake.reset();
    const two = await turnsPhase(cluster, fakeUrl, 2);
    fake.reset();
    const split = await splitPhase(fakeUrl);
    const report = {
      benchmark: "chung-tay scale-out",
      date: new Date().toISOString(),
      commit: execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim(),
      node: process.version,
      cpus: cpus().length,
      loadavg1AtStart: round(loadavg()[0]!, 2),
      turnsPostgres: { oneWorker: one, twoWorkers: two, ratio2to1: one.turnsPerSec > 0 ? round(two.turnsPerSec / one.turnsPerSec, 3) : 0, note: `${cpus().length} cores: web, workers, PostgreSQL and the load generator share them` },
      splitSqlite: split,
      runtimeSec: round((Date.now() - started) / 1000),
    };
    const json = JSON.stringify(report, null, 2);
    const out = resolve(import.meta.dirname, "results");
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, "scale-latest.json"), json + "\n");
    process.stdout.write(json + "\n");
  } finally {
    cluster.destroy();
    await fake.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    progress(`failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
