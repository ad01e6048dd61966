// A fresh, migrated database for one test file: SQLite in a temp folder by default,
// or a new PostgreSQL database when TEST_POSTGRES_URL names a server (CI's second run).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";

export interface TestDb extends Database {
  /** Drops the database (PostgreSQL) or deletes the file (SQLite). */
  destroy(): Promise<void>;
}

export function usingPostgres(): boolean {
  return Boolean(process.env.TEST_POSTGRES_URL);
}

/** A URL for a new, empty database; call dropTestDatabase(url) when done. */
export async function createTestDatabaseUrl(): Promise<string> {
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) {
    const dir = mkdtempSync(join(tmpdir(), "ct-test-"));
    return `file:${join(dir, "test.db")}`;
  }
  const name = `ct_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  if (url.startsWith("file:")) {
    rmSync(join(url.slice("file:".length), ".."), { recursive: true, force: true });
    return;
  }
  const admin = process.env.TEST_POSTGRES_URL!;
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

export async function openTestDatabase(): Promise<TestDb> {
  const url = await createTestDatabaseUrl();
  await migrate(url);
  const database = await openDatabase(url);
  return {
    ...database,
    async destroy() {
      await database.close();
      await dropTestDatabase(url);
    },
  };
}
