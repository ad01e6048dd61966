// Baselines measured in the same run as the real server: (a) Express 5 reading the same
// raw body and answering 200, and (c) the same plus one better-sqlite3 insert into the
// real InboxEvent table (same migration, WAL, synchronous=NORMAL, autocommit = one
// transaction per request). Between them and the real server lies Prisma and our code.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Sqlite from "better-sqlite3";
import express from "express";
import { migrate } from "../src/db/migrate.js";
import { WEBHOOK_PATH } from "./zalo-events.js";

export interface BareTarget {
  url: string;
  stats(): Record<string, unknown> | Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startBare(): Promise<BareTarget> {
  const app = express();
  app.disable("x-powered-by");
  app.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: "1mb" }), (req, res) => {
    const size = Buffer.isBuffer(req.body) ? req.body.length : 0;
    res.status(200).json({ ok: true, size });
  });
  return listen(app, () => ({}), () => undefined);
}

export async function startBareSqlite(dbPath: string): Promise<BareTarget> {
  await migrate(`file:${dbPath}`);
  const db = new Sqlite(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  const insert = db.prepare(
    `INSERT INTO "InboxEvent" (channel, eventKey, conversationKey, kind, payload, status, occurredAt, receivedAt)
     VALUES ('zalo', ?, ?, 'text', ?, 'pending', ?, ?)`,
  );
  const app = express();
  app.disable("x-powered-by");
  app.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: "1mb" }), (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    let event: { sender?: { id?: string }; message?: { msg_id?: string }; timestamp?: string };
    try {
      event = JSON.parse(raw) as typeof event;
    } catch {
      res.status(400).json({ error: "body is not JSON" });
      return;
    }
    const now = new Date();
    const occurred = new Date(Number(event.timestamp) || now.getTime());
    // ISO text dates, as Prisma's SQLite adapter writes them.
    insert.run(event.message?.msg_id ?? String(now.getTime()), `zalo:${event.sender?.id ?? ""}`, raw, occurred.toISOString(), now.toISOString());
    res.status(200).json({ ok: true, stored: 1, duplicates: 0 });
  });
  const stats = () => ({ inboxRows: Number((db.prepare(`SELECT count(*) AS n FROM "InboxEvent"`).get() as { n: number }).n) });
  return listen(app, stats, () => db.close());
}

async function listen(app: express.Express, stats: () => Record<string, unknown>, close: () => void): Promise<BareTarget> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      close();
    },
  };
}
