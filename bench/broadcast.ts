// npm run bench:broadcast: one campaign to BENCH_RECIPIENTS people (default 1,000,000, half on
// Zalo, half on Messenger) through the real server (src/main.ts, a child process, SQLite unless
// BENCH_DATABASE_URL says otherwise) against the fake platforms on 127.0.0.1. Printed as one JSON
// object (and bench/results/broadcast.json):
// - expansion: how long the audience took to become BroadcastRecipient rows;
// - dispatch: messages the fakes accepted per second over the steady part of the run, as a
//   ratio of the configured rate (same run, same clock; target ≥ 0.95);
// - peak RSS of the server process (VmHWM; target < 300 MB);
// - a kill -9 once half are sent, a restart, and at the end: lost (target 0) and duplicates
//   (target ≤ the sends in flight at the kill).
// Progress → stderr. Bounded: BENCH_TIMEOUT_SEC (default 3,600) ends it with what it has.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { openDatabase, type Database } from "../src/db/client.js";
import { FakeMeta } from "../tests/support/fake-meta.js";
import { FakeZalo } from "../tests/support/fake-zalo.js";
import { TEST_SECRETS } from "../tests/support/server.js";

const num = (name: string, fallback: number) => Number(process.env[name] ?? "") || fallback;
const N = num("BENCH_RECIPIENTS", 1_000_000);
/** Campaign messages per second per channel: what the fakes and this machine take (docs/performance.md). */
const RATE = num("BENCH_RATE", 100);
/**
 * V8 flags for the server. By default none: V8 then lets a busy heap grow far past what it
 * keeps (its limit is a share of the machine's 24 GB), so the peak RSS says little about what
 * the run holds. BENCH_NODE_FLAGS="--max-old-space-size=160" shows what it needs.
 */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const TIMEOUT_MS = num("BENCH_TIMEOUT_SEC", 3_600) * 1000;
const ROOT = resolve(import.meta.dirname, "..");
const progress = (msg: string) => process.stderr.write(`[bench:broadcast] ${msg}\n`);
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Accepted sends, per person and per second (the fakes' own clock). */
const perPerson = new Map<string, number>();
const perSecond = new Map<number, number>();
let accepted = 0;
function count(user: string | undefined, text: string | undefined): void {
  if (!user || !text?.startsWith("Tin chiến dịch bench")) return;
  accepted++;
  perPerson.set(user, (perPerson.get(user) ?? 0) + 1);
  const s = Math.floor(Date.now() / 1000);
  perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
}
const zalo = new FakeZalo({ maxRecorded: 50, onAccepted: (b) => count(b.recipient?.user_id, b.message?.text) });
const meta = new FakeMeta({
  maxRecorded: 50,
  onAccepted: (b) => {
    const body = b as { recipient?: { id?: string }; message?: { text?: string } };
    count(body.recipient?.id, body.message?.text);
  },
});

type Child = { proc: ChildProcess; exited: Promise<number | null> };

async function startServer(dbUrl: string, zaloUrl: string, metaUrl: string): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...TEST_SECRETS,
    ZALO_API_BASE: zaloUrl, ZALO_OAUTH_BASE: zaloUrl, GRAPH_API_BASE: metaUrl,
    SIMULATOR: "0", DEMO: "0", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: dbUrl, LOG_LEVEL: "info",
    WORKER_POLL_MS: "50", WORKER_LEASE_MS: "5000",
    CAMPAIGN_RATES: `zalo=${RATE},messenger=${RATE}`,
  };
  delete env.NODE_OPTIONS;
  const proc = spawn(process.execPath, [...NODE_FLAGS, "--import", "tsx", "src/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  await new Promise<void>((ok, fail) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => line.includes('"server started"') && ok());
    void exited.then((code) => fail(new Error(`server exited (${code}) before starting: ${stderr}`)));
  });
  return { proc, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function memoryMb(pid: number): { rss: number; peak: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** N conversations, all inside their free window (wrote an hour ago), in multi-row INSERTs. */
async function seed(db: Database, n: number): Promise<void> {
  const wrote = new Date(Date.now() - 3_600_000);
  const batch = 2_000;
  for (let from = 0; from < n; from += batch) {
    const rows = Array.from({ length: Math.min(batch, n - from) }, (_, i) => {
      const k = from + i;
      const channel = k % 2 === 0 ? "zalo" : "messenger";
      return { channel, userId: `${channel === "zalo" ? "77" : "88"}${String(k).padStart(10, "0")}`, provinceCode: "12", lastInboundAt: wrote };
    });
    await db.db.conversation.createMany({ data: rows });
    if ((from / batch) % 50 === 0) progress(`seeded ${from + rows.length}/${n}`);
  }
}

/** Accepted per second over [from, to): the steady window, excluding ramp-up and the kill. */
function rateBetween(from: number, to: number): number {
  let sum = 0;
  for (let s = from; s < to; s++) sum += perSecond.get(s) ?? 0;
  return to > from ? sum / (to - from) : 0;
}

async function main(): Promise<void> {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), "chung-tay-bench-broadcast-"));
  const dbUrl = process.env.BENCH_DATABASE_URL ?? `file:${join(tmp, "bench.db")}`;
  const zaloUrl = (await zalo.start()).url;
  const metaUrl = (await meta.start()).url;
  let server = await startServer(dbUrl, zaloUrl, metaUrl); // migrates the database
  const db = await openDatabase(dbUrl);
  const maxPeak = { mb: 0 };
  const sample = setInterval(() => {
    if (server.proc.pid) maxPeak.mb = Math.max(maxPeak.mb, memoryMb(server.proc.pid).peak);
  }, 1000);
  try {
    progress(`seeding ${N} conversations`);
    await seed(db, N);
    const audience = { platforms: [], provinceCode: null, communeCode: null, who: "all", subscribedOnly: false, languages: [] };
    const c = await db.db.campaign.create({
      data: { name: "bench", status: "running", messages: JSON.stringify([{ vi: "Tin chiến dịch bench: cùng chung tay." }]), audience: JSON.stringify(audience), startAt: new Date(), quietFrom: 0, quietTo: 0, perDay: 1, perWeek: 4, createdBy: 1 },
    });
    const t0 = Date.now();
    progress(`campaign ${c.id} running at ${RATE}/s per channel (${2 * RATE}/s in all)`);
    let expansionSec: number | null = null;
    let killedAt: number | null = null;
    let inFlight = 0;
    let peakBeforeKill = 0;
    let firstSend = 0;
    let done = false;
    let restartSec = 0;
    while (Date.now() - started < TIMEOUT_MS) {
      await sleep(1000);
      if (!firstSend && accepted > 0) firstSend = Math.floor(Date.now() / 1000);
      const row = await db.db.campaign.findUniqueOrThrow({ where: { id: c.id } });
      if (expansionSec === null && row.expandedAt) expansionSec = round((row.expandedAt.getTime() - t0) / 1000, 1);
      if (row.status === "done") {
        done = true;
        break;
      }
      if (killedAt === null && accepted >= N / 2) {
        peakBeforeKill = memoryMb(server.proc.pid!).peak;
        killedAt = Math.floor(Date.now() / 1000);
        server.proc.kill("SIGKILL");
        await server.exited;
        inFlight = await db.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `campaign:${c.id}:` }, status: "sending" } });
        progress(`kill -9 at ${accepted} sent; ${inFlight} in flight; restarting`);
        const r0 = Date.now();
        server = await startServer(dbUrl, zaloUrl, metaUrl);
        restartSec = round((Date.now() - r0) / 1000, 1);
      }
      if (Math.floor((Date.now() - t0) / 1000) % 30 === 0) progress(`${accepted} sent, ${Math.round((Date.now() - t0) / 1000)} s, rss ${memoryMb(server.proc.pid!).rss} MB`);
    }
    const end = Math.floor(Date.now() / 1000);
    const peakAfter = memoryMb(server.proc.pid!).peak;
    const statuses = Object.fromEntries((await db.db.broadcastRecipient.groupBy({ by: ["status"], where: { campaignId: c.id }, _count: { _all: true } })).map((g) => [g.status, g._count._all]));
    const duplicates = [...perPerson.values()].reduce((s, k) => s + k - 1, 0);
    const remaining = (statuses.eligible ?? 0) + (statuses.queued ?? 0) + (statuses.deferred ?? 0);
    let lostCount = (statuses.failed_permanent ?? 0) + (statuses.failed_retryable ?? 0) + (statuses.skipped ?? 0) + (N - Object.values(statuses).reduce((a, b) => a + b, 0));
    for (let after = 0; ; ) {
      const rows = await db.db.broadcastRecipient.findMany({ where: { campaignId: c.id, id: { gt: after }, status: { in: ["sent", "delivered", "seen"] } }, orderBy: { id: "asc" }, take: 10_000, select: { id: true, userId: true } });
      if (rows.length === 0) break;
      for (const r of rows) if (!perPerson.has(r.userId)) lostCount++;
      after = rows[rows.length - 1]!.id;
    }
    // Windows: while the audience was still being expanded (it shares the tick); from the end of
    // the expansion up to 5 s before the kill (steady); 20 s after the restart up to 5 s before the end.
    const expandedAt = expansionSec !== null ? Math.ceil(t0 / 1000 + expansionSec) : end;
    const during = rateBetween(firstSend + 10, Math.min(expandedAt, killedAt ?? end));
    const before = rateBetween(Math.max(firstSend + 10, expandedAt + 5), (killedAt ?? end) - 5);
    const after = killedAt ? rateBetween(killedAt + Math.ceil(restartSec) + 20, end - 5) : 0;
    const configured = 2 * RATE;
    const series = Array.from({ length: Math.max(0, end - firstSend + 1) }, (_, i) => perSecond.get(firstSend + i) ?? 0);
    const report = {
      benchmark: "chung-tay campaign broadcast",
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      loadavg1AtEnd: round(loadavg()[0]!, 2),
      database: dbUrl.startsWith("file:") ? "sqlite" : "postgresql",
      recipients: N,
      configuredRatePerSec: configured,
      nodeFlags: NODE_FLAGS,
      finished: done,
      expansionSec,
      dispatch: {
        duringExpansionPerSec: round(during, 1),
        steadyPerSec: round(before, 1),
        afterRestartPerSec: round(after, 1),
        ratioDuringExpansion: round(during / configured),
        ratio: round(before / configured),
        ratioAfterRestart: round(after / configured),
        target: 0.95,
      },
      peakRssMb: { beforeKill: peakBeforeKill, afterRestart: peakAfter, sampledMax: maxPeak.mb, target: 300 },
      kill: killedAt ? { atSent: N / 2, inFlight, restartSec } : null,
      reached: perPerson.size,
      // Lost: recorded as sent (or failed) but never received by the platform, plus anyone the
      // run will not send to. When the run ends by BENCH_TIMEOUT_SEC, those still waiting are
      // "remaining", not lost.
      lost: lostCount,
      remaining,
      duplicates,
      duplicatesWithinInFlight: duplicates <= inFlight,
      recipientStatuses: statuses,
      runtimeSec: round((Date.now() - started) / 1000, 1),
    };
    const json = JSON.stringify(report, null, 2);
    const dir = resolve(import.meta.dirname, "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, "broadcast.json"), json + "\n");
    // Accepted per second from the first send: any window can be recomputed from it.
    writeFileSync(resolve(dir, "broadcast-series.json"), JSON.stringify({ firstSend, expandedAt, killedAt, series }) + "\n");
    process.stdout.write(json + "\n");
  } finally {
    clearInterval(sample);
    if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill("SIGTERM");
    await Promise.race([server.exited, sleep(10_000)]);
    await db.close();
    await zalo.stop();
    await meta.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    progress(`failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
