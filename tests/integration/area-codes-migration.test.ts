// A deployment from before the official codes: its hand-written slugs ("dien-bien",
// "dien-bien/quai-to") become the 2025 map's codes ("11", "03295") when it migrates, on both
// databases, and a slug the old file never had is kept as it was rather than lost.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { MIGRATIONS_DIR, migrate } from "../../src/db/migrate.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";

/** The migrations folder as it was before 0006, for a database to stand where old deployments stand. */
function migrationsBefore(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ct-old-mig-"));
  for (const provider of ["sqlite", "postgres"]) {
    mkdirSync(join(dir, provider));
    for (const f of readdirSync(join(MIGRATIONS_DIR, provider)).filter((f) => f.endsWith(".sql") && f < prefix)) copyFileSync(join(MIGRATIONS_DIR, provider, f), join(dir, provider, f));
  }
  return dir;
}

let url = "";
afterAll(async () => {
  if (url) await dropTestDatabase(url);
});

describe("migration 0006: slugs → official area codes", () => {
  it("rewrites teams, reports, addresses, staff areas and conversations", async () => {
    url = await createTestDatabaseUrl();
    await migrate(url, migrationsBefore("0006"));
    const before = await openDatabase(url);
    const run = (sql: string) => before.db.$executeRawUnsafe(sql);
    await run(`INSERT INTO "Team" ("name", "provinceCode", "communeCode") VALUES ('Tổ A', 'dien-bien', 'dien-bien/quai-to'), ('Tổ B', 'lai-chau', 'lai-chau/khong-lao'), ('Tổ C', 'dien-bien', 'dien-bien/ban-moi')`);
    await run(`INSERT INTO "StaffUser" ("email", "name", "passwordHash", "role", "areaCode") VALUES ('p@x.vn', 'P', 'x', 'province_staff', 'lai-chau'), ('c@x.vn', 'C', 'x', 'commune_staff', 'dien-bien/quai-to')`);
    await run(`INSERT INTO "Conversation" ("channel", "userId", "areaCode", "updatedAt") VALUES ('zalo', '1', 'dien-bien/quai-to', CURRENT_TIMESTAMP), ('zalo', '2', 'lai-chau', CURRENT_TIMESTAMP), ('zalo', '3', NULL, CURRENT_TIMESTAMP)`);
    await before.close();

    const applied = await migrate(url);
    expect(applied).toEqual(expect.arrayContaining(["0006_official_area_codes", "0007_drop_conversation_area_code"]));
    const after = await openDatabase(url);
    try {
      const teams = await after.db.team.findMany({ orderBy: { name: "asc" }, select: { provinceCode: true, communeCode: true } });
      expect(teams).toEqual([
        { provinceCode: "11", communeCode: "03295" },
        { provinceCode: "12", communeCode: "03583" },
        { provinceCode: "11", communeCode: "dien-bien/ban-moi" }, // never in the old file: kept, shown as its code
      ]);
      const staff = await after.db.staffUser.findMany({ orderBy: { email: "asc" }, select: { areaCode: true } });
      expect(staff.map((s) => s.areaCode)).toEqual(["03295", "12"]);
      const convs = await after.db.conversation.findMany({ orderBy: { userId: "asc" }, select: { provinceCode: true, communeCode: true } });
      expect(convs).toEqual([
        { provinceCode: "11", communeCode: "03295" },
        { provinceCode: "12", communeCode: null },
        { provinceCode: null, communeCode: null },
      ]);
    } finally {
      await after.close();
    }
  });
});
