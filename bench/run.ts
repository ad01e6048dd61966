// npm run bench: webhook acknowledgement throughput against two baselines in the same
// run, then open-loop end-to-end latency. Progress → stderr; one JSON object → stdout and
// bench/results/latest.json. Only 127.0.0.1, every phase bounded in time. See docs/performance.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { round, runAck, type AckOptions, type AckResult } from "./ack-phase.js";
import { startTarget } from "./child.js";
import { FakeZalo } from "../tests/support/fake-zalo.js";
import { introduceUsers, replies, runE2e } from "./e2e-phase.js";
import { LIMITS } from "./limits.js";
import { benchUserId } from "./zalo-events.js";

const num = (name: string, fallback: number) => Number(process.env[name] ?? "") || fallback;
const SETTINGS = {
  connections: num("BENCH_CONNECTIONS", 20),
  durationSec: num("BENCH_DURATION", 10),
  warmupSec: num("BENCH_WARMUP", 1),
  ackUsers: 1000,
  e2eRatePerSec: num("BENCH_E2E_RATE", 100),
  e2eDurationSec: num("BENCH_E2E_DURATION", 10),
  e2eUsers: 200,
  /** After the last send: waiting for outstanding acks and then replies, together. */
  e2eDrainSec: 12,
  logLevel: process.env.BENCH_LOG_LEVEL ?? "info",
};
const TARGETS = { ackP99Ms: 25, ratio: 0.5 };

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
let userBase = 0;
const nextUsers = (n: number) => (userBase += n) - n;

async function ackPhase(label: string, kind: string, env: Record<string, string>, fake: FakeZalo, randomIds = false) {
  const target = await startTarget(kind, env);
  const accounts = Number(env.BENCH_ACCOUNTS ?? "1") || 1;
  const opts = (durationSec: number): AckOptions => ({ connections: SETTINGS.connections, durationSec, users: SETTINGS.ackUsers, userBase: nextUsers(SETTINGS.ackUsers), accounts, randomIds });
  progress(`${label}: warm-up ${SETTINGS.warmupSec}s`);
  const warm = await runAck(target.url, opts(SETTINGS.warmupSec));
  fake.reset();
  progress(`${label}: measuring ${SETTINGS.durationSec}s at ${SETTINGS.connections} connections`);
  const loadBefore = loadavg()[0]!;
  target.measure();
  const result = await runAck(target.url, opts(SETTINGS.durationSec));
  const repliesDuringRun = replies(fake).length;
  const server = await target.stop();
  progress(`${label}: ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}`);
  return {
    ...result,
    warmupRequests: warm.ok2xx,
    ...(kind === "server" ? { repliesSentDuringRun: repliesDuringRun } : {}),
    // Other work on the machine skews a phase; a 1-minute load average above ~2 (2 cores) says so.
    loadavg1: { before: round(loadBefore, 2), after: round(loadavg()[0]!, 2) },
    server,
  };
}

async function e2ePhase(fake: FakeZalo) {
  const target = await startTarget("server", { BENCH_WORKERS: "1", BENCH_FAKE_ZALO_URL: fakeUrl, BENCH_LOG_LEVEL: SETTINGS.logLevel });
  fake.reset();
  const e2eBase = nextUsers(SETTINGS.e2eUsers);
  const users = Array.from({ length: SETTINGS.e2eUsers }, (_, i) => benchUserId(e2eBase + i));
  progress(`e2e: introducing ${users.length} users (warm-up)`);
  const { parts, firstContactParts } = await introduceUsers(target.url, fake, users, benchUserId(nextUsers(1)), SETTINGS.e2eRatePerSec);
  const loadBefore = loadavg()[0]!;
  target.measure();
  progress(`e2e: ${parts} reply part(s) per event; ${SETTINGS.e2eRatePerSec}/s for ${SETTINGS.e2eDurationSec}s over ${users.length} users, open loop`);
  const result = await runE2e(target.url, fake, {
    ratePerSec: SETTINGS.e2eRatePerSec,
    durationSec: SETTINGS.e2eDurationSec,
    users,
    drainSec: SETTINGS.e2eDrainSec,
    parts,
    skipParts: firstContactParts,
  });
  const server = await target.stop();
  progress(`e2e: reply p50 ${result.reply.p50Ms} ms, p99 ${result.reply.p99Ms} ms, missing ${result.missingReplies}`);
  return { ...result, loadavg1: { before: round(loadBefore, 2), after: round(loadavg()[0]!, 2) }, server };
}

let fakeUrl = "";

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg()[0]!;
  if (loadAtStart > cpus().length) progress(`warning: 1-minute load average is ${loadAtStart.toFixed(1)} on ${cpus().length} cores: other work will skew these numbers`);
  // tests/support/fake-zalo.ts: its defaults accept BENCH_ZALO's access token.
  const fake = new FakeZalo();
  fakeUrl = (await fake.start()).url;
  const serverEnv = (workers: boolean) => ({ BENCH_WORKERS: workers ? "1" : "0", BENCH_FAKE_ZALO_URL: fakeUrl, BENCH_LOG_LEVEL: SETTINGS.logLevel });
  try {
    // BENCH_ONLY=e2e or =ack runs one half (e.g. to sweep BENCH_E2E_RATE); the default runs both.
    const only = process.env.BENCH_ONLY;
    // BENCH_ONLY=accounts: webhook throughput with 50 OAs configured against 1, in one run.
    const accounts = only === "accounts" ? await accountPhases(fake, serverEnv) : null;
    const ack = only === "e2e" || only === "accounts" ? null : await ackPhases(fake, serverEnv);
    const e2e = only === "ack" || only === "accounts" ? null : await e2ePhase(fake);
    const report = {
      benchmark: "chung-tay webhook ack + end-to-end",
      date: new Date().toISOString(),
      node: process.version,
      commit: gitCommit(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      // Above the core count, other processes competed with the bench for CPU.
      loadavg1AtStart: round(loadAtStart, 2),
      settings: SETTINGS,
      ...(accounts ? { accounts } : {}),
      ack,
      e2e,
      limits: LIMITS,
      runtimeSec: round((Date.now() - started) / 1000),
    };
    const json = JSON.stringify(report, null, 2);
    const dir = resolve(import.meta.dirname, "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, "latest.json"), json + "\n");
    process.stdout.write(json + "\n");
  } finally {
    await fake.stop();
  }
}

async function ackPhases(fake: FakeZalo, serverEnv: (workers: boolean) => Record<string, string>) {
  const a = await ackPhase("(a) bare express", "bare", {}, fake);
  const c = await ackPhase("(c) bare + sqlite insert", "bare-sqlite", {}, fake);
  const bOff = await ackPhase("(b) server, workers off", "server", serverEnv(false), fake);
  const bOn = await ackPhase("(b) server, workers on", "server", serverEnv(true), fake);
  return {
    a_bareExpress: a,
    c_bareExpressSqliteInsert: c,
    b_serverWorkersOff: bOff,
    b_serverWorkersOn: bOn,
    ratio: ratio(bOn, a),
    ratioWorkersOff: ratio(bOff, a),
    ratioSqliteBaseline: ratio(c, a),
    target: TARGETS,
    meetsTarget: {
      ratio: ratio(bOn, a) >= TARGETS.ratio,
      p99: bOn.p99Ms <= TARGETS.ackP99Ms,
      ratioWorkersOff: ratio(bOff, a) >= TARGETS.ratio,
      p99WorkersOff: bOff.p99Ms <= TARGETS.ackP99Ms,
    },
  };
}

/** Workers off, so only the webhook path is measured: 1 account, then 50 with the load spread over all of them. */
async function accountPhases(fake: FakeZalo, serverEnv: (workers: boolean) => Record<string, string>) {
  const n = num("BENCH_ACCOUNTS", 50);
  // Random msg_ids in all three runs, as Zalo sends them (bench/zalo-events.ts says why).
  const one = await ackPhase("(e) server, workers off, 1 account", "server", serverEnv(false), fake, true);
  const many = await ackPhase(`(e) server, workers off, ${n} accounts`, "server", { ...serverEnv(false), BENCH_ACCOUNTS: String(n) }, fake, true);
  const again = await ackPhase("(e) server, workers off, 1 account (again)", "server", serverEnv(false), fake, true);
  // The single-account runs bracket the many-account run, so drift on the machine shows.
  const base = { ...one, rps: round((one.rps + again.rps) / 2) };
  return { accounts: n, one, many, again, ratioManyToOne: ratio(many, base), p99Ms: { one: one.p99Ms, many: many.p99Ms, again: again.p99Ms } };
}

function ratio(b: AckResult, a: AckResult): number {
  return a.rps > 0 ? round(b.rps / a.rps, 3) : 0;
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    progress(`failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
