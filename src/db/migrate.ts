// Applies prisma/migrations/<provider>/*.sql in name order and records each in
// _migrations, the same way on both databases. Prisma's own `migrate deploy` does not
// work against PostgreSQL with the JS engines here, so this small runner replaces it.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath, type Provider } from "./client.js";

export const MIGRATIONS_DIR = resolve(import.meta.dirname, "../../prisma/migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(provider: Provider, dir = MIGRATIONS_DIR): Migration[] {
  const folder = join(dir, provider);
  return readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(folder, f), "utf8");
      return { name: f.replace(/\.sql$/, ""), sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const TABLE = `CREATE TABLE IF NOT EXISTS "_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** @param dir the migrations folder (tests point it at a temporary one) */
export async function migrate(url: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  return providerOf(url) === "sqlite" ? migrateSqlite(url, dir) : migratePostgres(url, dir);
}

function checkApplied(applied: Map<string, string>, all: Migration[]): Migration[] {
  for (const m of all) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead`);
    }
  }
  return all.filter((m) => !applied.has(m.name));
}

function migrateSqlite(url: string, dir: string): string[] {
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Sqlite(path);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(TABLE);
    const rows = db.prepare(`SELECT name, checksum FROM "_migrations"`).all() as { name: string; checksum: string }[];
    const todo = checkApplied(new Map(rows.map((r) => [r.name, r.checksum])), listMigrations("sqlite", dir));
    for (const m of todo) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_migrations" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
      })();
    }
    return todo.map((m) => m.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, dir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several instances may start together: one migrates, the others wait.
    await client.query("SELECT pg_advisory_lock(724031)");
    await client.query(TABLE);
    const res = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_migrations"`);
    const todo = checkApplied(new Map(res.rows.map((r) => [r.name, r.checksum])), listMigrations("postgres", dir));
    for (const m of todo) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_migrations" (name, checksum, applied_at) VALUES ($1, $2, $3)`, [
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock(724031)").catch(() => undefined);
    await client.end();
  }
}
