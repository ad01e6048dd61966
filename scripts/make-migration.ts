// npm run db:migration -- <name>
// Writes the SQL that takes the last migrated schema to the current one, for both
// providers, with Prisma's offline `migrate diff`. The snapshot of the last migrated
// schema lives beside the migrations so the next diff has a starting point.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./postgres-schema.js";
import { prismaEnv } from "./prisma-env.js";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";
const current = readFileSync(SQLITE_SCHEMA, "utf8");
const previous = existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, "utf8") : null;
if (previous === current) {
  console.error("schema unchanged since the last migration");
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), "ct-mig-"));
for (const provider of ["sqlite", "postgres"] as const) {
  const dir = `prisma/migrations/${provider}`;
  mkdirSync(dir, { recursive: true });
  const to = provider === "sqlite" ? SQLITE_SCHEMA : POSTGRES_SCHEMA;
  const from = ["--from-empty"];
  if (previous) {
    const prevFile = join(tmp, `prev.${provider}.prisma`);
    writeFileSync(prevFile, provider === "sqlite" ? previous : postgresSchemaFrom(previous));
    from.splice(0, 1, "--from-schema-datamodel", prevFile);
  }
  const sql = execFileSync("node_modules/.bin/prisma", ["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], {
    env: prismaEnv(),
    encoding: "utf8",
  });
  const n = String(readdirSync(dir).filter((f) => f.endsWith(".sql")).length + 1).padStart(4, "0");
  writeFileSync(join(dir, `${n}_${name}.sql`), sql);
  console.log(`wrote ${dir}/${n}_${name}.sql`);
}
writeFileSync(SNAPSHOT, current);
