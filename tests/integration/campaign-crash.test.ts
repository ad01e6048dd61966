// kill -9 in the middle of a campaign run, restart on the same database, and count: every
// reachable person gets the campaign message, and the only duplicates are sends that were in
// flight at the kill. The server is the real one (src/main.ts) as a child process; Zalo is
// tests/support/fake-zalo.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";
import { FakeZalo } from "../support/fake-zalo.js";
import { eventually, TEST_SECRETS } from "../support/server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PEOPLE = 60;

let fake: FakeZalo;
let dbUrl: string;
let db: Database | null = null;
const children: { proc: ChildProcess; exited: Promise<number | null> }[] = [];

async function startChild(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZALO_APP_ID: TEST_SECRETS.ZALO_APP_ID, ZALO_OA_ID: TEST_SECRETS.ZALO_OA_ID, ZALO_OA_SECRET_KEY: TEST_SECRETS.ZALO_OA_SECRET_KEY,
    ZALO_APP_SECRET: TEST_SECRETS.ZALO_APP_SECRET, ZALO_ACCESS_TOKEN: TEST_SECRETS.ZALO_ACCESS_TOKEN, ZALO_REFRESH_TOKEN: TEST_SECRETS.ZALO_REFRESH_TOKEN,
    ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url,
    SIMULATOR: "0", DEMO: "0", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: dbUrl, LOG_LEVEL: "info",
    WORKER_POLL_MS: "50", WORKER_LEASE_MS: "2000",
    CAMPAIGN_RATES: "zalo=20",
  };
  delete env.NODE_OPTIONS;
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  await new Promise<void>((ok, fail) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => line.includes('"server started"') && ok());
    void exited.then((code) => fail(new Error(`server exited (${code}) before starting: ${stderr}`)));
  });
  children.push({ proc, exited });
}

const campaignTexts = () =>
  fake.requests.filter((r) => r.path.endsWith("/message/cs") && r.outcome === "ok" && String((r.body as { message?: { text?: string } }).message?.text ?? "").startsWith("Tin chiến dịch"));

beforeAll(async () => {
  fake = new FakeZalo();
  await fake.start();
  fake.script(Array.from({ length: 2_000 }, () => ({ delayMs: 20 }))); // sends are in flight when the process dies
  dbUrl = await createTestDatabaseUrl();
});
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  await db?.close();
  await fake.stop();
  await dropTestDatabase(dbUrl);
});

describe("kill -9 during a campaign run", () => {
  it("restarts and finishes: nobody lost, duplicates only what was in flight", async () => {
    await startChild(); // migrates the database
    db = await openDatabase(dbUrl);
    const now = Date.now();
    for (let i = 0; i < PEOPLE; i++) {
      await db.db.conversation.create({ data: { channel: "zalo", userId: `66${String(i).padStart(8, "0")}`, provinceCode: "12", lastInboundAt: new Date(now - 3_600_000) } });
    }
    const audience = { platforms: [], provinceCode: "12", communeCode: null, who: "all", subscribedOnly: false, languages: [] };
    const c = await db.db.campaign.create({
      data: { name: "crash", status: "running", messages: JSON.stringify([{ vi: "Tin chiến dịch thử" }]), audience: JSON.stringify(audience), startAt: new Date(now - 60_000), quietFrom: 0, quietTo: 0, perDay: 1, provinceCode: "12", createdBy: 1 },
    });
    await eventually(async () => campaignTexts().length >= 15, 20_000);
    const first = children[0]!;
    first.proc.kill("SIGKILL");
    await first.exited;
    const atKill = campaignTexts().length;
    // In flight at the kill: rows the dead process had claimed for sending (the platform may have
    // taken some of them: those are the only ones that can go twice).
    const inFlight = await db.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `campaign:${c.id}:` }, status: "sending" } });
    await startChild();
    await eventually(async () => (await db!.db.campaign.findUniqueOrThrow({ where: { id: c.id } })).status === "done", 30_000);
    const per = new Map<string, number>();
    for (const r of campaignTexts()) {
      const u = (r.body as { recipient: { user_id: string } }).recipient.user_id;
      per.set(u, (per.get(u) ?? 0) + 1);
    }
    const duplicates = [...per.values()].reduce((s, n) => s + n - 1, 0);
    console.log(`campaign crash test: ${atKill}/${PEOPLE} sent before the kill, ${inFlight} in flight, ${duplicates} sent twice`);
    expect(per.size).toBe(PEOPLE); // nobody lost
    expect(duplicates).toBeLessThanOrEqual(inFlight); // only what was in flight at the kill
    expect(await db.db.broadcastRecipient.count({ where: { campaignId: c.id } })).toBe(PEOPLE); // expanded once
  }, 90_000);
});
