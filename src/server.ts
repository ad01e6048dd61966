// Composition root as a function, so tests can start the real server in-process and
// the crash test can start it as a child process through main.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { createBot } from "./bot/route.js";
import { createSafetyNet } from "./bot/safety-net.js";
import { CHANNEL_MODULES, type ChannelModule } from "./channels/registry.js";
import { AccountChannels } from "./accounts/channels.js";
import { AccountHealth } from "./accounts/health.js";
import { secretBox } from "./core/secret-box.js";
import { addressCacheFor, seedAddressesIfEmpty } from "./addresses/address-store.js";
import { defaultHelpContent } from "./flows/help/content.js";
import type { Config } from "./config.js";
import type { Bot } from "./core/bot.js";
import { InboxWorker } from "./core/inbox-worker.js";
import { OutboxWorker } from "./core/outbox-worker.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { AckFirst } from "./core/ack-first.js";
import { createApp } from "./http/app.js";
import { log } from "./log.js";
import { ensureFirstAdmin } from "./staff/accounts.js";
import { staffRouter } from "./staff/router.js";
import { serverJobs } from "./jobs/index.js";
import { loadDemo } from "./demo/load.js";
import { startJobs } from "./jobs/runner.js";

export interface RunningServer {
  server: Server;
  url: string;
  database: Database;
  inbox: InboxWorker;
  outbox: OutboxWorker;
  config: Config;
  stop(): Promise<void>;
}

export interface StartOptions {
  bot?: Bot;
  /** Extra routes (simulator, staff console) mounted after the webhooks. */
  mount?: (app: Express, running: Omit<RunningServer, "stop" | "server">) => void;
  workers?: boolean;
  /** Overrides config.ROLE (tests start a web and a worker in one process). */
  role?: Config["ROLE"];
  /** The channel folders to run (default: the registry's); a test adds a fake platform here. */
  channels?: readonly ChannelModule[];
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const role = opts.role ?? config.ROLE;
  // web: webhooks, console, simulator; worker: inbox, outbox, campaigns, scheduled jobs.
  const web = role !== "worker";
  const work = role !== "web" && opts.workers !== false;
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length > 0) log.info("migrations applied", { migrations: applied });
  const database = await openDatabase(config.DATABASE_URL);
  // The bot reads trusted addresses from the table (staff edit it), seeded from the CSV once.
  const seeded = await seedAddressesIfEmpty(database.db);
  if (seeded > 0) log.info("trusted addresses seeded", { rows: seeded });
  const modules = opts.channels ?? CHANNEL_MODULES;
  if (!config.simulator) await forgetSimulatorTokens(database.db, modules);
  const addresses = addressCacheFor(database.db);
  await addresses.invalidate();

  const server = createServer();
  // Every request gets an answer: 503 until the app below is built (a health check or a
  // webhook arriving during start-up must not hang), and bounded times for slow clients.
  let app: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (app) return app(req, res);
    res.writeHead(503, { "content-type": "application/json", "retry-after": "2" });
    res.end(JSON.stringify({ error: "starting" }));
  });
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(config.REQUEST_TIMEOUT_MS, 20_000);
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // The simulator's built-in fake platforms live on this same server.
  const effective: Config = config.simulator ? withSimulatorBases(config, url, modules) : config;

  // One channel per OA/Page: the environment's account and those staff added (src/accounts/).
  const secrets = secretBox(config.ACCOUNTS_KEY);
  const accounts = new AccountChannels({ config: effective, db: database.db, secrets }, modules);
  const channels = await accounts.load();
  // The demo dataset (DEMO=1, or `npm start` in the simulator), never in production; loaded once.
  if (config.DEMO && config.NODE_ENV !== "production") {
    const demo = await loadDemo(database.db, [...channels.keys()][0] ?? "demo");
    if (demo.loaded) log.info("demo data loaded", { teams: demo.teams, reports: demo.reports, flags: demo.flags });
  }
  const health = new AccountHealth(database.db);
  const acks = new AckFirst();
  const help = defaultHelpContent({ retentionDays: config.RETENTION_DAYS, includeSample: config.simulator || config.DEMO, nearestMaxKm: config.NEAREST_MAX_KM, addresses: () => addresses.get() });
  const outbox = new OutboxWorker({
    db: database.db,
    gate: acks.gate(8),
    channels,
    pollMs: config.WORKER_POLL_MS,
    leaseMs: config.WORKER_LEASE_MS,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    onSent: (channel) => health.sent(channel),
    provider: database.provider,
  });
  const inbox = new InboxWorker({
    db: database.db,
    gate: acks.gate(4),
    bot: opts.bot ?? createBot(help),
    safetyNet: createSafetyNet(database.db, help),
    maxAttempts: config.INBOX_MAX_ATTEMPTS,
    channels,
    pollMs: config.WORKER_POLL_MS,
    leaseMs: config.WORKER_LEASE_MS,
    onRepliesQueued: () => outbox.nudge(),
    provider: database.provider,
  });
  const parts = { url, database, inbox, outbox, config: effective };
  if (await ensureFirstAdmin(database.db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD)) log.info("first admin created from ADMIN_EMAIL");
  const express = createApp({
    db: database.db,
    trustProxy: config.TRUST_PROXY,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    channels,
    onInboundStored: () => inbox.nudge(),
    webhookHooks: { onReceived: (channel) => health.webhook(channel), onUnknownAccount: () => accounts.reloadForUnknown(), registryVersion: () => accounts.version },
    acks,
    web,
    role,
    mount: (a) => {
      a.use("/staff", staffRouter({ db: database.db, config: effective, channels, accounts: { platforms: modules.map((m) => m.settings), secrets, reload: () => accounts.sync() }, onOutboxQueued: () => outbox.nudge() }));
      opts.mount?.(a, parts);
    },
  });
  app = express;
  const jobs = work ? startJobs(serverJobs(config), { db: database.db, channels, config: effective, onOutboxQueued: () => outbox.nudge() }) : null;
  // Both roles follow account changes (another instance may add an OA); only workers work the queues.
  if (opts.workers !== false) accounts.start();
  if (work) {
    addresses.start();
    inbox.start();
    outbox.start();
  }
  if (config.simulator) {
    log.warn("SIMULATOR IS ON: /simulator lets anyone post as any user id and replies go to a built-in fake, never to Zalo or Messenger. Never expose this server publicly; set real platform credentials to turn it off.", { path: "/simulator" });
  }
  log.info("server started", { port, role, simulator: config.simulator, channels: [...channels.keys()], provider: database.provider });

  return {
    ...parts,
    server,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await jobs?.stop();
      addresses.stop();
      accounts.stop();
      await Promise.all([inbox.stop(), outbox.stop()]);
      await database.close();
    },
  };
}

/**
 * A database the simulator once ran on holds the simulator's public tokens: with real
 * credentials they must not be sent to a platform, nor stand in for the configured ones.
 */
async function forgetSimulatorTokens(db: Database["db"], modules: readonly ChannelModule[]): Promise<void> {
  const fake = modules.flatMap((m) => Object.values(m.settings.simulatorSecrets));
  const cleared = await db.channelState.updateMany({
    where: { OR: [{ accessToken: { in: fake } }, { refreshToken: { in: fake } }] },
    data: { accessToken: null, refreshToken: null, accessTokenExpiresAt: null },
  });
  if (cleared.count > 0) log.warn("simulator tokens removed from the database", { channels: cleared.count });
}

/** The simulator's fake platforms live on this server: point every API base not set explicitly at them. */
function withSimulatorBases(config: Config, url: string, modules: readonly ChannelModule[]): Config {
  const channels = { ...config.channels };
  for (const { settings } of modules) {
    const own = { ...channels[settings.id] };
    for (const [setting, path] of Object.entries(settings.simulatorFakes)) if (!config.given.has(setting)) own[setting] = `${url}${path}`;
    channels[settings.id] = own;
  }
  return { ...config, channels };
}
