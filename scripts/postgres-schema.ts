// The PostgreSQL schema is derived from the SQLite source, never edited by hand.
import { readFileSync } from "node:fs";

export const SQLITE_SCHEMA = "prisma/schema.sqlite.prisma";
export const POSTGRES_SCHEMA = "prisma/schema.postgres.prisma";

export function postgresSchemaFrom(sqliteSource: string): string {
  const out = sqliteSource
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./unused.db"', 'url      = "postgresql://unused@127.0.0.1/unused"')
    .replace('output     = "../src/generated/sqlite"', 'output     = "../src/generated/postgres"')
    .replace(
      "// Source schema.",
      "// GENERATED from schema.sqlite.prisma by scripts/prisma-generate.ts: do not edit.\n// Source schema.",
    );
  return out;
}

export function expectedPostgresSchema(): string {
  return postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8"));
}
