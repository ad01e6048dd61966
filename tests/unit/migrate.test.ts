// The migration runner on the test's database (SQLite, or PostgreSQL when
// TEST_POSTGRES_URL is set), with a temporary migrations folder.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { providerOf, sqlitePath } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";

let url: string;
let dir: string;

beforeEach(async () => {
  url = await createTestDatabaseUrl();
  dir = mkdtempSync(join(tmpdir(), "ct-migrations-"));
  mkdirSync(join(dir, providerOf(url)));
});
afterEach(async () => {
  await dropTestDatabase(url);
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, sql: string): void {
  writeFileSync(join(dir, providerOf(url), `${name}.sql`), sql);
}

/** Plain SQL on the test database, without Prisma. */
async function query<T>(sql: string): Promise<T[]> {
  if (providerOf(url) === "sqlite") {
    const db = new Sqlite(sqlitePath(url));
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function tableExists(name: string): Promise<boolean> {
  const sql =
    providerOf(url) === "sqlite"
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${name}'`
      : `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '${name}'`;
  return (await query(sql)).length === 1;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const A = `CREATE TABLE "ta" (id INTEGER PRIMARY KEY, v TEXT);`;
const B = `CREATE TABLE "tb" (id INTEGER PRIMARY KEY);\nINSERT INTO "ta" (id, v) VALUES (1, 'x');`;

describe("migrate()", () => {
  it("applies every migration once, in name order, and records each in _migrations", async () => {
    write("0002_b", B); // written first: order comes from the names
    write("0001_a", A);
    expect(await migrate(url, dir)).toEqual(["0001_a", "0002_b"]);
    expect(await tableExists("ta")).toBe(true);
    expect(await tableExists("tb")).toBe(true);
    const rows = await query<{ name: string; checksum: string; applied_at: string }>(`SELECT name, checksum, applied_at FROM "_migrations" ORDER BY name`);
    expect(rows.map((r) => [r.name, r.checksum])).toEqual([
      ["0001_a", sha(A)],
      ["0002_b", sha(B)],
    ]);
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.applied_at)))).toBe(true);
  });

  it("is idempotent: a second run applies nothing, a new file is applied alone", async () => {
    write("0001_a", A);
    await migrate(url, dir);
    expect(await migrate(url, dir)).toEqual([]);
    write("0002_b", B);
    expect(await migrate(url, dir)).toEqual(["0002_b"]);
    expect(await query(`SELECT id FROM "ta"`)).toHaveLength(1); // 0002's insert ran exactly once
    expect(await query(`SELECT name FROM "_migrations"`)).toHaveLength(2);
  });

  it("refuses a migration changed after it was applied, and applies nothing after it", async () => {
    write("0001_a", A);
    await migrate(url, dir);
    write("0001_a", A.replace("v TEXT", "v TEXT, w TEXT"));
    write("0002_b", B);
    await expect(migrate(url, dir)).rejects.toThrow(/0001_a was changed after it was applied/);
    expect(await tableExists("tb")).toBe(false);
  });

  it("a failing migration leaves no trace and is not recorded", async () => {
    write("0001_a", A);
    write("0002_bad", `CREATE TABLE "half" (id INTEGER PRIMARY KEY);\nINSERT INTO "no_such_table" VALUES (1);`);
    await expect(migrate(url, dir)).rejects.toThrow();
    expect(await tableExists("ta")).toBe(true); // the good one before it stays applied
    expect(await tableExists("half")).toBe(false);
    expect((await query<{ name: string }>(`SELECT name FROM "_migrations"`)).map((r) => r.name)).toEqual(["0001_a"]);
  });

  it("instances starting together apply each migration exactly once", async () => {
    write("0001_a", A);
    write("0002_b", B);
    const results = await Promise.all([migrate(url, dir), migrate(url, dir), migrate(url, dir)]);
    expect(results.flat().sort()).toEqual(["0001_a", "0002_b"]);
    expect(await query(`SELECT id FROM "ta"`)).toHaveLength(1);
  });
});
