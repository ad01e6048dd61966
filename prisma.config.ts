// Prisma CLI configuration: JS engines only (no engine download on any machine).
// The CLI is used for `generate` and offline `migrate diff`; migrations are applied
// by src/db/migrate.ts, the same way on SQLite and PostgreSQL.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.sqlite.prisma",
  adapter: async () => new PrismaBetterSQLite3({ url: "file::memory:" }),
});
