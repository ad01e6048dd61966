// One web process and two workers on one database (as `npm start -- --role=web|worker`): the web
// one stores and acknowledges webhooks and serves the console but does no work; the workers
// answer every message once, in order per person; a worker answers /healthz only. Each tick
// of a scheduled job runs once whichever worker takes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleArgument } from "../../src/config.js";
import { FakeZalo, postZaloWebhook } from "../support/fake-zalo.js";
import { eventually, startTestServer, TEST_SECRETS, type TestServer } from "../support/server.js";

let zalo: FakeZalo;
let web: TestServer;
const workers: TestServer[] = [];

const text = (user: string, n: number, body: string) =>
  JSON.stringify({
    event_name: "user_send_text",
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: user },
    recipient: { id: TEST_SECRETS.ZALO_OA_ID },
    message: { text: body, msg_id: `roles-${user}-${n}` },
    timestamp: String(Date.now()),
  });

beforeAll(async () => {
  zalo = new FakeZalo();
  const z = await zalo.start();
  const env = { ZALO_API_BASE: z.url, ZALO_OAUTH_BASE: z.url };
  web = await startTestServer(env, { role: "web" });
  for (let i = 0; i < 2; i++) workers.push(await startTestServer({ ...env, DATABASE_URL: web.config.DATABASE_URL }, { role: "worker" }));
});
afterAll(async () => {
  for (const w of workers) await w.close();
  await web?.close();
  await zalo?.stop();
});

describe("roles", () => {
  it("reads --role from the command line", () => {
    expect(roleArgument(["--role=web"])).toBe("web");
    expect(roleArgument(["--role", "worker"])).toBe("worker");
    expect(roleArgument([])).toBeUndefined();
  });

  it("a worker answers /healthz and nothing else", async () => {
    const health = await fetch(`${workers[0]!.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", role: "worker" });
    expect((await fetch(`${workers[0]!.url}/webhooks/zalo`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${workers[0]!.url}/staff/login`)).status).toBe(404);
    expect(await (await fetch(`${web.url}/healthz`)).json()).toMatchObject({ role: "web" });
  });

  it("the web process stores and acknowledges; the workers answer each message once, in order", async () => {
    const users = Array.from({ length: 8 }, (_, i) => `8309393969${String(i).padStart(4, "0")}`);
    for (let n = 1; n <= 3; n++) {
      for (const u of users) expect((await postZaloWebhook(web.url, text(u, n, n === 1 ? "xin chào" : String(n)))).status).toBe(200);
    }
    const db = web.database.db;
    await eventually(async () => (await db.inboxEvent.count({ where: { status: "done" } })) === users.length * 3, 20_000);
    await eventually(async () => (await db.outboxMessage.count({ where: { status: { not: "sent" } } })) === 0, 20_000);
    // Every reply went once: the outbox rows are unique by key, and the fake got one call per row.
    const rows = await db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
    for (const u of users) {
      const mine = rows.filter((r) => r.recipientId === u);
      expect(zalo.sentTexts(u)).toHaveLength(mine.length);
      // Replies reached the person in the order of her messages.
      const inboxOrder = mine.map((r) => Number(/^in:(\d+)/.exec(r.dedupeKey)?.[1] ?? 0));
      expect(inboxOrder).toEqual([...inboxOrder].sort((a, b) => a - b));
    }
  });

  it("a scheduled job's tick runs once across the two workers", async () => {
    const slots = await web.database.db.jobSlot.findMany();
    expect(slots.map((s) => s.name)).toContain("campaign-dispatch");
  });
});
