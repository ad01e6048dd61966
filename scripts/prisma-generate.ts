// Writes schema.postgres.prisma from the SQLite source and generates both clients.
// `--if-missing` (used by npm start) skips the work when both clients already exist.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, expectedPostgresSchema } from "./postgres-schema.js";
import { prismaEnv } from "./prisma-env.js";

const ifMissing = process.argv.includes("--if-missing");
const present = existsSync("src/generated/sqlite/index.js") && existsSync("src/generated/postgres/index.js");
if (!(ifMissing && present)) {
  writeFileSync(POSTGRES_SCHEMA, expectedPostgresSchema());
  for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
    execFileSync("node_modules/.bin/prisma", ["generate", "--no-hints", "--schema", schema], {
      env: prismaEnv(),
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}
