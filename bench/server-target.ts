// (b) The real server: startServer(loadConfig(...)) on a fresh SQLite file, Zalo configured
// with test secrets and pointed at the bench's fake Zalo, production worker settings.
import { loadConfig } from "../src/config.js";
import { setLogLevel } from "../src/log.js";
import { startServer } from "../src/server.js";
import type { BareTarget } from "./bare-apps.js";
import { BENCH_ZALO, benchOaId, WEBHOOK_PATH } from "./zalo-events.js";
import { createAccount } from "../src/accounts/store.js";
import { secretBox } from "../src/core/secret-box.js";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { CHANNEL_SETTINGS } from "../src/channels/registry.js";

export interface ServerTargetOptions {
  dbPath: string;
  fakeZaloUrl: string;
  workers: boolean;
  /** Zalo OA accounts configured: the environment's plus accounts-1 more in the database. */
  accounts?: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

const BENCH_KEY = Buffer.alloc(32, 9).toString("base64");

export async function startRealServer(o: ServerTargetOptions): Promise<BareTarget> {
  if ((o.accounts ?? 1) > 1) await addAccounts(`file:${o.dbPath}`, o.accounts! - 1);
  const config = loadConfig({
    ACCOUNTS_KEY: BENCH_KEY,
    ...BENCH_ZALO,
    SIMULATOR: "0",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${o.dbPath}`,
    LOG_LEVEL: o.logLevel,
    ZALO_API_BASE: o.fakeZaloUrl,
    ZALO_OAUTH_BASE: o.fakeZaloUrl,
  }, CHANNEL_SETTINGS);
  setLogLevel(config.LOG_LEVEL);
  const r = await startServer(config, { workers: o.workers });
  if (!(await hasZaloWebhook(r.url))) {
    await r.stop();
    throw new Error("the server has no Zalo webhook: is the Zalo channel registered in src/channels/registry.ts?");
  }
  return {
    url: r.url,
    async stats() {
      const [inbox, outbox] = await Promise.all([
        r.database.db.inboxEvent.groupBy({ by: ["status"], _count: { _all: true } }),
        r.database.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
      ]);
      const byStatus = (rows: { status: string; _count: { _all: number } }[]) => Object.fromEntries(rows.map((x) => [x.status, x._count._all]));
      return { workers: o.workers, inbox: byStatus(inbox), outbox: byStatus(outbox) };
    },
    stop: () => r.stop(),
  };
}

/** More OAs in the database, as the console would add them (same app, same test OA secret). */
async function addAccounts(url: string, n: number): Promise<void> {
  await migrate(url);
  const database = await openDatabase(url);
  const box = secretBox(BENCH_KEY);
  try {
    for (let i = 1; i <= n; i++) {
      await createAccount(database.db, box, { platform: "zalo", externalId: benchOaId(i), name: `Bench OA ${i}`, provinceCode: null, credentials: { ZALO_OA_SECRET_KEY: BENCH_ZALO.ZALO_OA_SECRET_KEY, ZALO_ACCESS_TOKEN: BENCH_ZALO.ZALO_ACCESS_TOKEN } });
    }
  } finally {
    await database.close();
  }
}

/** A wrongly signed POST: 403 means a Zalo channel is mounted, 404 means none is. */
async function hasZaloWebhook(url: string): Promise<boolean> {
  const res = await fetch(url + WEBHOOK_PATH, {
    method: "POST",
    headers: { "content-type": "application/json", "x-zevent-signature": "mac=00" },
    body: JSON.stringify({ event_name: "user_send_text", timestamp: "0" }),
  });
  await res.arrayBuffer();
  return res.status !== 404;
}
