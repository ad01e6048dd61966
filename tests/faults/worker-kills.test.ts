// kill -9 of a worker process at 20 random moments while people write (web and worker split,
// as `--role=web` and `--role=worker`), restarting it each time; and on PostgreSQL two workers
// beside one web process, one killed mid-run and not restarted. Counted per run: every event
// the platform got a 200 for is handled once, every reply reaches the platform, and the only
// duplicates are sends in flight at a kill. (Campaign work under kill -9: campaign-crash.test.ts.)
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { startChild, type Child } from "../support/child-server.js";
import { createTestDatabaseUrl, dropTestDatabase, usingPostgres } from "../support/db.js";
import { FakeZalo, postZaloWebhook } from "../support/fake-zalo.js";
import { eventually, TEST_SECRETS } from "../support/server.js";

const KILLS = Number(process.env.FAULT_KILLS ?? 20);
let fake: FakeZalo;
let fakeUrl = "";
const children: Child[] = [];
const dbs: { url: string; db: Database }[] = [];

const text = (run: string, user: number, n: number) =>
  JSON.stringify({
    event_name: "user_send_text",
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: `77${String(user).padStart(4, "0")}${run}` },
    recipient: { id: TEST_SECRETS.ZALO_OA_ID },
    message: { text: n === 1 ? "xin chào" : String(n), msg_id: `kill-${run}-${user}-${n}` },
    timestamp: String(Date.now()),
  });

beforeAll(async () => {
  fake = new FakeZalo();
  fakeUrl = (await fake.start()).url;
  // Every send takes a little while, so some are in flight at each kill.
  fake.script(Array.from({ length: 20_000 }, () => ({ delayMs: 10 })));
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.kill()));
  for (const d of dbs) {
    await d.db.close();
    await dropTestDatabase(d.url);
  }
  await fake.stop();
});

async function freshDb(): Promise<Database> {
  const url = await createTestDatabaseUrl();
  await migrate(url);
  const db = await openDatabase(url);
  dbs.push({ url, db });
  return db;
}

/** People write one message after another; true once every one has a 200. */
async function deliverAll(url: () => string, bodies: string[][]): Promise<number> {
  let acked = 0;
  await Promise.all(
    bodies.map(async (mine) => {
      for (const b of mine) {
        for (let tries = 0; ; tries++) {
          const r = await postZaloWebhook(url(), b).catch(() => null);
          if (r?.status === 200) break;
          if (tries > 200) throw new Error("webhook never acknowledged");
          await new Promise((res) => setTimeout(res, 50)); // the platform tries again
        }
        acked++;
      }
    }),
  );
  return acked;
}

async function settle(db: Database, expectedEvents: number): Promise<void> {
  const open = async () =>
    (await db.db.inboxEvent.count({ where: { status: { in: ["pending", "processing"] } } })) +
    (await db.db.outboxMessage.count({ where: { status: { in: ["queued", "sending", "retry"] } } }));
  await eventually(async () => (await open()) === 0 && (await db.db.inboxEvent.count()) === expectedEvents, 180_000);
}

/** Per recipient: the platform got every reply once, plus repeats only where a send was cut. */
async function count(db: Database, run: string): Promise<{ replies: number; received: number; duplicates: number }> {
  const rows = await db.db.outboxMessage.findMany({ where: { recipientId: { endsWith: run } }, orderBy: { id: "asc" } });
  expect(rows.every((r) => r.status === "sent")).toBe(true);
  let duplicates = 0;
  let received = 0;
  for (const user of new Set(rows.map((r) => r.recipientId))) {
    const expected = rows.filter((r) => r.recipientId === user).length;
    const got = fake.messages(user).length;
    expect(got).toBeGreaterThanOrEqual(expected);
    duplicates += got - expected;
    received += got;
  }
  return { replies: rows.length, received, duplicates };
}

describe("worker killed with -9", () => {
  it(`${KILLS} kills of the worker, restarted each time: nothing lost, duplicates ≤ sends in flight`, { timeout: 400_000 }, async () => {
    const db = await freshDb();
    const url = dbs.at(-1)!.url;
    const run = randomBytes(3).toString("hex");
    const bodies = Array.from({ length: 30 }, (_, u) => Array.from({ length: 8 }, (_, n) => text(run, u, n + 1)));
    const web = await startChild(url, fakeUrl, "web");
    children.push(web);
    let worker = await startChild(url, fakeUrl, "worker");
    children.push(worker);
    const delivering = deliverAll(() => web.url, bodies);
    let inFlight = 0;
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 600)));
      await worker.kill();
      inFlight += await db.db.outboxMessage.count({ where: { status: "sending", recipientId: { endsWith: run } } });
      worker = await startChild(url, fakeUrl, "worker");
      children.push(worker);
    }
    const acked = await delivering;
    await settle(db, acked);
    const inbox = await db.db.inboxEvent.findMany({ select: { eventKey: true, status: true } });
    expect(new Set(inbox.map((r) => r.eventKey)).size).toBe(bodies.flat().length);
    expect(inbox.every((r) => r.status === "done")).toBe(true);
    const c = await count(db, run);
    expect(c.duplicates).toBeLessThanOrEqual(inFlight);
    console.log(JSON.stringify({ fault: "worker-kill-9", kills: KILLS, events: inbox.length, replies: c.replies, received: c.received, duplicates: c.duplicates, inFlightAtKills: inFlight }));
    await worker.kill();
    await web.kill();
  });

  it.skipIf(!usingPostgres())("two workers and one web on PostgreSQL, one worker killed mid-run: each event once, each reply once", { timeout: 300_000 }, async () => {
    const db = await freshDb();
    const url = dbs.at(-1)!.url;
    const run = randomBytes(3).toString("hex");
    const bodies = Array.from({ length: 40 }, (_, u) => Array.from({ length: 6 }, (_, n) => text(run, u, n + 1)));
    const web = await startChild(url, fakeUrl, "web");
    const a = await startChild(url, fakeUrl, "worker");
    const b = await startChild(url, fakeUrl, "worker");
    children.push(web, a, b);
    const delivering = deliverAll(() => web.url, bodies);
    await eventually(async () => (await db.db.outboxMessage.count({ where: { status: "sent", recipientId: { endsWith: run } } })) > 60, 120_000);
    await a.kill();
    const inFlight = await db.db.outboxMessage.count({ where: { status: "sending", recipientId: { endsWith: run } } });
    const acked = await delivering;
    await settle(db, acked);
    const inbox = await db.db.inboxEvent.findMany({ select: { eventKey: true, status: true } });
    expect(inbox).toHaveLength(bodies.flat().length);
    expect(inbox.every((r) => r.status === "done")).toBe(true);
    const c = await count(db, run);
    expect(c.duplicates).toBeLessThanOrEqual(inFlight);
    console.log(JSON.stringify({ fault: "two-workers-one-killed", events: inbox.length, replies: c.replies, received: c.received, duplicates: c.duplicates, inFlightAtKill: inFlight }));
    await b.kill();
    await web.kill();
  });
});
