// One Prisma client for either database, chosen by DATABASE_URL. Both generated clients
// come from the same source schema (prisma/schema.sqlite.prisma), so the SQLite client's
// type describes both.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import sqliteClient from "../generated/sqlite/index.js";
import postgresClient from "../generated/postgres/index.js";
import { serialisedSqlite } from "./sqlite-serial.js";

export type Db = InstanceType<typeof sqliteClient.PrismaClient>;
/**
 * Row and query types for code above db/. They come from the SQLite client only because both
 * clients are generated from one schema (tests/unit/schema-agree.test.ts); importing them from
 * here keeps every other folder free of either generated client.
 */
export type { CampaignTheme, Handover, Prisma } from "../generated/sqlite/index.js";
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
export type Provider = "sqlite" | "postgres";

export interface Database {
  db: Db;
  provider: Provider;
  url: string;
  close(): Promise<void>;
}

const providers = new WeakMap<object, Provider>();

/**
 * Which database a client talks to (for the few raw statements whose placeholders differ).
 * Transaction clients and wrappers are other objects than the one openDatabase made, so
 * fall back to what the Prisma client itself says it runs on.
 */
export function dbProvider(db: object): Provider {
  const known = providers.get(db);
  if (known) return known;
  return (db as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgres" : "sqlite";
}

export function providerOf(url: string): Provider {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

/** `file:./data/x.db` → absolute path; relative paths are relative to the working directory. */
export function sqlitePath(url: string): string {
  const p = url.slice("file:".length).split("?")[0]!;
  return p === ":memory:" ? p : resolve(p);
}

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const path = sqlitePath(url);
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const adapter = new PrismaBetterSQLite3({ url: path, timeout: 10_000 });
    const db = new sqliteClient.PrismaClient({ adapter: serialisedSqlite(adapter) });
    // WAL lets the webhook insert while workers read; NORMAL sync keeps commits durable
    // across a process crash (the case we test), trading only an OS crash's last commits.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
    providers.set(db, provider);
    return { db, provider, url, close: () => db.$disconnect() };
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const db = new postgresClient.PrismaClient({ adapter }) as unknown as Db;
  providers.set(db, provider);
  return { db, provider, url, close: () => db.$disconnect() };
}
