// The simulator never runs next to a real platform configuration: not when it is partial
// (no access token yet, as after following the README), and its public built-in secrets
// never open a real webhook. A database the simulator used loses its fake tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { mountSimulator } from "../../src/simulator/index.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";
import { FakeZalo, postZaloWebhook } from "../support/fake-zalo.js";
import { TEST_SECRETS } from "../support/server.js";
import { CHANNEL_SETTINGS } from "../../src/channels/registry.js";

const SIMULATOR_SECRETS: Record<string, string> = Object.assign({}, ...CHANNEL_SETTINGS.map((c) => c.simulatorSecrets));

let url: string;
let fake: FakeZalo;
let server: RunningServer;

beforeAll(async () => {
  fake = new FakeZalo();
  await fake.start();
  url = await createTestDatabaseUrl();
  // The same database once served the simulator, which stored its fake tokens.
  await migrate(url);
  const before = await openDatabase(url);
  await before.db.channelState.create({ data: { channel: "zalo", accessToken: SIMULATOR_SECRETS.ZALO_ACCESS_TOKEN!, refreshToken: SIMULATOR_SECRETS.ZALO_REFRESH_TOKEN! } });
  await before.close();
  const config = loadConfig({
    ZALO_APP_ID: TEST_SECRETS.ZALO_APP_ID,
    ZALO_OA_SECRET_KEY: TEST_SECRETS.ZALO_OA_SECRET_KEY,
    ZALO_APP_SECRET: TEST_SECRETS.ZALO_APP_SECRET,
    ZALO_REFRESH_TOKEN: TEST_SECRETS.ZALO_REFRESH_TOKEN,
    ZALO_API_BASE: fake.url,
    ZALO_OAUTH_BASE: fake.url,
    ZALO_EVENT_MAX_AGE_MIN: "0",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: url,
    LOG_LEVEL: "silent",
    WORKER_POLL_MS: "50",
  }, CHANNEL_SETTINGS);
  server = await startServer(config, { mount: (app, parts) => parts.config.simulator && mountSimulator(app, parts) });
});
afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  if (url) await dropTestDatabase(url);
});

const text = (msgId: string) =>
  JSON.stringify({
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: "8309393969855402319" },
    recipient: { id: TEST_SECRETS.ZALO_OA_ID },
    event_name: "user_send_text",
    message: { msg_id: msgId, text: "xin chào" },
    timestamp: String(Date.now()),
    user_id_by_app: "7300442764876318465",
  });

describe("a partial real Zalo configuration (no ZALO_ACCESS_TOKEN)", () => {
  it("is not the simulator: no page, no API, no fakes", async () => {
    expect(server.config.simulator).toBe(false);
    for (const path of ["/simulator", "/simulator/assets/chat.js", "/simulator/fake/zalo/v3.0/oa/message/cs"]) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    }
    const send = await fetch(`${server.url}/simulator/api/send`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ channel: "zalo", userId: "1", text: "cứu tôi" }) });
    expect(send.status).toBe(404);
  });

  it("refuses webhooks signed with the simulator's public secrets, accepts the real ones", async () => {
    const simSigned = await postZaloWebhook(server.url, text("a0000000000000000001"), "valid", { appId: SIMULATOR_SECRETS.ZALO_APP_ID!, oaSecretKey: SIMULATOR_SECRETS.ZALO_OA_SECRET_KEY! });
    expect(simSigned.status).toBe(403);
    const mixed = await postZaloWebhook(server.url, text("a0000000000000000002"), "valid", { appId: TEST_SECRETS.ZALO_APP_ID, oaSecretKey: SIMULATOR_SECRETS.ZALO_OA_SECRET_KEY! });
    expect(mixed.status).toBe(403);
    expect(await server.database.db.inboxEvent.count()).toBe(0);
    expect((await postZaloWebhook(server.url, text("a0000000000000000003"))).status).toBe(200);
  });

  it("drops the simulator's stored tokens, so the reply goes to Zalo with a real, refreshed token", async () => {
    await postZaloWebhook(server.url, text("a0000000000000000004"));
    const deadline = Date.now() + 10_000;
    while (fake.messages().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const state = await server.database.db.channelState.findUniqueOrThrow({ where: { channel: "zalo" } });
    expect(Object.values(SIMULATOR_SECRETS)).not.toContain(state.accessToken);
    expect(Object.values(SIMULATOR_SECRETS)).not.toContain(state.refreshToken);
    const sent = fake.requests.filter((r) => r.path === "/v3.0/oa/message/cs");
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.map((r) => r.headers["access_token"])).not.toContain(SIMULATOR_SECRETS.ZALO_ACCESS_TOKEN!);
    expect(fake.messages().length).toBeGreaterThan(0);
  });
});
