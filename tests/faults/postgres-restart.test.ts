// PostgreSQL restarted mid-run: while it is down, webhooks answer 503 (so the platform sends
// them again) and /healthz says the database is unavailable; when it is back the server
// reconnects by itself, and every event that got a 200 — before, during or after — is handled
// once. Runs in the PostgreSQL pass, on a private cluster it may stop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeZalo, postZaloWebhook } from "../support/fake-zalo.js";
import { PgCluster } from "../support/pg-cluster.js";
import { usingPostgres } from "../support/db.js";
import { eventually, startTestServer, TEST_SECRETS, type TestServer } from "../support/server.js";

let cluster: PgCluster | null = null;
let zalo: FakeZalo;
let server: TestServer;

const body = (user: number, n: number) =>
  JSON.stringify({
    event_name: "user_send_text",
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: `83093939${String(user).padStart(6, "0")}` },
    recipient: { id: TEST_SECRETS.ZALO_OA_ID },
    message: { text: n === 0 ? "xin chào" : String(n), msg_id: `pgr-${user}-${n}` },
    timestamp: String(Date.now()),
  });

beforeAll(async () => {
  if (!usingPostgres()) return;
  cluster = await PgCluster.create();
  zalo = new FakeZalo();
  const z = await zalo.start();
  server = await startTestServer({ ZALO_API_BASE: z.url, ZALO_OAUTH_BASE: z.url, DATABASE_URL: cluster!.url, WORKER_LEASE_MS: "2000" });
});
afterAll(async () => {
  // A graceful stop after the restart can wait on the pool's old connections: bounded, since the
  // cluster is destroyed right after (the run's assertions are all in the test above).
  await Promise.race([server?.close().catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
  await zalo?.stop();
  cluster?.destroy();
}, 60_000);

describe.skipIf(!usingPostgres())("PostgreSQL restarted mid-run", () => {
  it("503 while down, reconnects by itself, nothing acknowledged is lost", { timeout: 120_000 }, async () => {
    const acked = new Set<string>();
    const statuses: number[] = [];
    const post = async (user: number, n: number) => {
      const r = await postZaloWebhook(server.url, body(user, n)).catch(() => ({ status: 0 }));
      statuses.push(r.status);
      if (r.status === 200) acked.add(`${user}-${n}`);
      return r.status;
    };
    for (let u = 0; u < 10; u++) expect(await post(u, 0)).toBe(200);

    cluster!.stop();
    const down: number[] = [];
    for (let u = 0; u < 10; u++) down.push(await post(u, 1));
    // Never a 200 for an event that could not be stored, never a hang.
    expect(down, JSON.stringify(down)).toEqual(down.map(() => 503));
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "unavailable", reason: "database" });

    cluster!.start();
    // The platform sends again what got no 200; the server is back without a restart.
    await eventually(async () => (await post(0, 1)) === 200, 30_000);
    for (let u = 1; u < 10; u++) await eventually(async () => (await post(u, 1)) === 200, 30_000);
    for (let u = 0; u < 10; u++) expect(await post(u, 2)).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const db = server.database.db;
    await eventually(async () => (await db.inboxEvent.count({ where: { status: { not: "done" } } })) === 0, 30_000);
    const rows = await db.inboxEvent.findMany({ select: { eventKey: true } });
    expect(rows).toHaveLength(acked.size);
    expect(new Set(rows.map((r) => r.eventKey)).size).toBe(30);
    console.log(JSON.stringify({ fault: "postgres-restart", acknowledged: acked.size, answeredWhileDown: down, stored: rows.length }));
  });
});
