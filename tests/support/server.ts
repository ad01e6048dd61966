// Starts the real server in-process on a random port with a fresh database.
// Fake platforms are started by the test and passed in through env (ZALO_API_BASE, GRAPH_API_BASE).
import { loadConfig } from "../../src/config.js";
import { startServer, type RunningServer, type StartOptions } from "../../src/server.js";
import { createTestDatabaseUrl, dropTestDatabase } from "./db.js";
import { CHANNEL_SETTINGS } from "../../src/channels/registry.js";

export const TEST_SECRETS = {
  ZALO_APP_ID: "102719276611582260",
  ZALO_OA_ID: "1423847451268726170",
  ZALO_OA_SECRET_KEY: "test-oa-secret",
  ZALO_APP_SECRET: "test-app-secret",
  ZALO_ACCESS_TOKEN: "zalo-access-1",
  ZALO_REFRESH_TOKEN: "zalo-refresh-1",
  MESSENGER_APP_SECRET: "fb_app_secret",
  MESSENGER_VERIFY_TOKEN: "meatyhamhock",
  MESSENGER_PAGE_TOKEN: "page-token-1",
  MESSENGER_PAGE_ID: "682498302938465",
  MESSENGER_APP_ID: "1517776481860111",
} as const;

export interface TestServer extends RunningServer {
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<TestServer> {
  const url = await createTestDatabaseUrl();
  const simulator = env.SIMULATOR === "1";
  const config = loadConfig({
    // The simulator refuses to run next to real credentials.
    ...(simulator ? {} : TEST_SECRETS),
    SIMULATOR: "0",
    // The payload fixtures carry their platforms' old timestamps; the age checks have their own tests.
    ZALO_EVENT_MAX_AGE_MIN: "0",
    MESSENGER_EVENT_MAX_AGE_H: "0",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: url,
    LOG_LEVEL: "silent",
    WORKER_POLL_MS: "50",
    ...env,
  }, CHANNEL_SETTINGS);
  const running = await startServer(config, opts);
  return {
    ...running,
    async close() {
      await running.stop();
      await dropTestDatabase(url);
    },
  };
}

/** Polls until fn returns a truthy value (tests wait for workers, never for wall-clock speed). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
