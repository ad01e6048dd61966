// One source schema, two databases: the PostgreSQL schema is generated from the SQLite one,
// the migrations cover the schema as it stands, both providers have the same migrations, and
// applying them gives exactly the tables and columns the Prisma models describe.
// (.ci/run also checks the committed schema.postgres.prisma before `npm test` regenerates it.)
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresSchemaFrom } from "../../scripts/postgres-schema.js";
import { providerOf, sqlitePath } from "../../src/db/client.js";
import sqliteClient from "../../src/generated/sqlite/index.js";
import { listMigrations, migrate } from "../../src/db/migrate.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";

const ROOT = resolve(import.meta.dirname, "../..");
const read = (p: string) => readFileSync(join(ROOT, p), "utf8");
const SQLITE_SOURCE = read("prisma/schema.sqlite.prisma");

interface Column {
  name: string;
  nullable: boolean;
}
type Tables = Record<string, Column[]>;

/** Tables and columns as the schema declares them (scalar fields; @map/@@map honoured). */
function modelsOf(schema: string): Tables {
  const modelNames = [...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!);
  const tables: Tables = {};
  // A block ends at a line that is only "}" (a default like "{}" or a comment may hold one).
  for (const [, name, body] of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    const columns: Column[] = [];
    for (const raw of body!.split("\n")) {
      const line = raw.replace(/(^|\s)\/\/.*$/, "").trim();
      if (line === "" || line.startsWith("@@")) continue;
      const [field, type] = line.split(/\s+/);
      const base = type!.replace(/[?[\]]/g, "");
      if (modelNames.includes(base)) continue; // a relation, not a column
      columns.push({ name: /@map\("([^"]+)"\)/.exec(line)?.[1] ?? field!, nullable: type!.endsWith("?") });
    }
    tables[table] = sortCols(columns);
  }
  return tables;
}

const sortCols = (cols: Column[]) => [...cols].sort((a, b) => a.name.localeCompare(b.name));

async function introspect(url: string): Promise<Tables> {
  const tables: Tables = {};
  if (providerOf(url) === "sqlite") {
    const db = new Sqlite(sqlitePath(url), { readonly: true });
    try {
      const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
      for (const { name } of names) {
        const cols = db.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(name) as { name: string; nn: number; pk: number }[];
        tables[name] = sortCols(cols.map((c) => ({ name: c.name, nullable: c.nn === 0 && c.pk === 0 })));
      }
    } finally {
      db.close();
    }
    return tables;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const r of res.rows) (tables[r.table_name] ??= []).push({ name: r.column_name, nullable: r.is_nullable === "YES" });
  } finally {
    await client.end();
  }
  return Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, sortCols(v)]));
}

describe("schemas and migrations agree", () => {
  it("schema.postgres.prisma is exactly what scripts/postgres-schema.ts makes of the SQLite source", () => {
    expect(read("prisma/schema.postgres.prisma")).toBe(postgresSchemaFrom(SQLITE_SOURCE));
  });

  it("the migrations cover the current schema (no un-migrated change: npm run db:migration -- <name>)", () => {
    expect(read("prisma/migrations/schema.snapshot.prisma")).toBe(SQLITE_SOURCE);
  });

  it("both providers have the same migrations, by name", () => {
    const names = (p: "sqlite" | "postgres") => listMigrations(p).map((m) => m.name);
    expect(names("sqlite").length).toBeGreaterThan(0);
    expect(names("postgres")).toEqual(names("sqlite"));
  });

  it("the schema parser here sees the same models and fields as Prisma's own client", () => {
    const ours = modelsOf(SQLITE_SOURCE);
    const prisma = Object.fromEntries(
      sqliteClient.Prisma.dmmf.datamodel.models.map((m) => [m.name, m.fields.filter((f) => f.kind !== "object").map((f) => f.name).sort()]),
    );
    expect(Object.fromEntries(Object.entries(ours).map(([k, v]) => [k, v.map((c) => c.name).sort()]))).toEqual(prisma);
  });

  describe("applied to a fresh database", () => {
    let url: string;
    beforeAll(async () => {
      url = await createTestDatabaseUrl();
      await migrate(url);
    });
    afterAll(async () => {
      await dropTestDatabase(url);
    });

    it("gives exactly the models' tables and columns, with the same nullability", async () => {
      const actual = await introspect(url);
      delete actual._migrations;
      expect(actual).toEqual(modelsOf(SQLITE_SOURCE));
    });
  });
});
