// kill -9 in the middle of work, restart on the same database, and count: every event the
// platform got a 200 for is stored once and handled, every reply is queued and reaches the
// platform in order, and the only duplicates are sends that were in flight at the kill.
// The server is the real one (src/main.ts) as a child process; Zalo is tests/support/fake-zalo.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";
import { FakeZalo, postZaloWebhook } from "../support/fake-zalo.js";
import { eventually, TEST_SECRETS } from "../support/server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const USERS = 40;
const PER_USER = 5;
const OA = TEST_SECRETS.ZALO_OA_ID;

interface Child {
  proc: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

let fake: FakeZalo;
let dbUrl: string;
let db: Database | null = null;
const children: Child[] = [];

async function startChild(): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZALO_APP_ID: TEST_SECRETS.ZALO_APP_ID,
    ZALO_OA_ID: OA,
    ZALO_OA_SECRET_KEY: TEST_SECRETS.ZALO_OA_SECRET_KEY,
    ZALO_APP_SECRET: TEST_SECRETS.ZALO_APP_SECRET,
    ZALO_ACCESS_TOKEN: TEST_SECRETS.ZALO_ACCESS_TOKEN,
    ZALO_REFRESH_TOKEN: TEST_SECRETS.ZALO_REFRESH_TOKEN,
    ZALO_API_BASE: fake.url,
    ZALO_OAUTH_BASE: fake.url,
    SIMULATOR: "0",
    DEMO: "0",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    LOG_LEVEL: "info", // the "server started" line tells the port
    WORKER_POLL_MS: "50",
    WORKER_LEASE_MS: "2000", // rows left claimed by the killed process come back quickly
  };
  delete env.NODE_OPTIONS;
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const url = await new Promise<string>((ok, fail) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on("line", (line) => {
      if (!line.includes('"server started"')) return;
      ok(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
    });
    void exited.then((code) => fail(new Error(`server exited (${code}) before starting: ${stderr}`)));
  });
  const child = { proc, url, exited };
  children.push(child);
  return child;
}

function textBody(user: number, n: number, runId: string): string {
  return JSON.stringify({
    event_name: "user_send_text",
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: `77${String(user).padStart(4, "0")}${runId}` },
    recipient: { id: OA },
    message: { text: n === 1 ? "xin chào" : `${n}`, msg_id: `crash-${runId}-${user}-${n}` },
    timestamp: String(Date.now()),
    user_id_by_app: `88${user}`,
  });
}

/** One person's messages go one after another, as a person types; people act at once. */
async function deliver(url: string, bodies: Map<string, string>, acked: Set<string>, ids: string[]): Promise<void> {
  const byUser = new Map<string, string[]>();
  for (const id of ids) {
    const user = id.split("-").slice(0, 3).join("-");
    byUser.set(user, [...(byUser.get(user) ?? []), id]);
  }
  await Promise.all(
    [...byUser.values()].map(async (mine) => {
      for (const id of mine) {
        const res = await postZaloWebhook(url, bodies.get(id)!).catch(() => null);
        if (res?.status === 200) acked.add(id);
        else if (res) throw new Error(`webhook answered ${res.status}`);
      }
    }),
  );
}

/** received must be expected with some items repeated in place (a resend); returns the repeats. */
function repeatsIn(received: string[], expected: string[]): number {
  let i = 0;
  for (const item of received) {
    if (i < expected.length && item === expected[i]) i++;
    else if (i > 0 && item === expected[i - 1]) continue;
    else throw new Error(`reply out of order or unexpected at position ${i}`);
  }
  expect(i).toBe(expected.length);
  return received.length - expected.length;
}

beforeAll(async () => {
  fake = new FakeZalo();
  await fake.start();
  // Every send waits a little, so sends are in flight when the process dies.
  fake.script(Array.from({ length: 5_000 }, () => ({ delayMs: 15 })));
  dbUrl = await createTestDatabaseUrl();
});
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  await db?.close();
  await fake.stop();
  await dropTestDatabase(dbUrl);
});

describe("crash and restart", () => {
  it("loses nothing and duplicates only what was in flight", { timeout: 240_000 }, async () => {
    const runId = randomBytes(3).toString("hex");
    const bodies = new Map<string, string>();
    for (let u = 0; u < USERS; u++) for (let n = 1; n <= PER_USER; n++) bodies.set(`crash-${runId}-${u}-${n}`, textBody(u, n, runId));
    const ids = [...bodies.keys()];
    const acked = new Set<string>();

    const first = await startChild();
    const delivering = deliver(first.url, bodies, acked, ids);
    await eventually(async () => fake.messages().length >= (USERS * PER_USER) / 3, 120_000);
    first.proc.kill("SIGKILL");
    await first.exited;
    await delivering; // posts after the kill fail: not acknowledged, so the platform will retry them

    db = await openDatabase(dbUrl);
    const inFlight = await db.db.outboxMessage.count({ where: { status: "sending" } });
    const ackedAtKill = acked.size;

    const second = await startChild();
    // The platform retries what got no 200, and redelivers a few that did.
    const redeliver = [...acked].slice(0, 20);
    await deliver(second.url, bodies, acked, [...ids.filter((id) => !acked.has(id)), ...redeliver]);
    expect(acked.size).toBe(ids.length);

    const open = async () =>
      (await db!.db.inboxEvent.count({ where: { status: { in: ["pending", "processing"] } } })) +
      (await db!.db.outboxMessage.count({ where: { status: { in: ["queued", "sending", "retry"] } } }));
    await eventually(async () => (await open()) === 0, 120_000);

    // Every acknowledged event: stored exactly once, handled.
    const inbox = await db.db.inboxEvent.findMany({ where: { channel: "zalo" }, orderBy: { id: "asc" } });
    expect(inbox.map((r) => r.eventKey).sort()).toEqual([...ids].sort());
    expect(inbox.filter((r) => r.status !== "done")).toEqual([]);

    // Every event produced its replies: numbered 0..k-1 from its own id, none missing.
    const outbox = await db.db.outboxMessage.findMany({ where: { channel: "zalo" }, orderBy: { id: "asc" } });
    for (const row of inbox) {
      const keys = outbox.filter((o) => o.dedupeKey.startsWith(`in:${row.id}:`)).map((o) => o.dedupeKey);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys).toEqual(keys.map((_, n) => `in:${row.id}:${n}`));
    }
    expect(outbox.filter((o) => o.status !== "sent")).toEqual([]);

    // The platform got every reply, per person in order; repeats only for in-flight sends.
    let repeats = 0;
    const recipients = new Set(outbox.map((o) => o.recipientId));
    for (const user of recipients) {
      const expected = outbox.filter((o) => o.recipientId === user).map((o) => JSON.stringify(JSON.parse(o.payload)));
      const received = fake.messages(user).map((b) => JSON.stringify(b));
      repeats += repeatsIn(received, expected);
    }
    expect(repeats).toBeLessThanOrEqual(inFlight);
    expect(fake.messages().length).toBe(outbox.length + repeats);
    console.log(`crash test: ${ackedAtKill}/${ids.length} events acknowledged before the kill, ${inFlight} sends in flight, ${repeats} resent`);
  });
});
