// `npm run team:create` as staff run it: a child process against its own database, which
// it migrates itself; codes are checked against content/areas.yaml.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { joinByCode } from "../../src/flows/team/membership.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";

const ROOT = resolve(import.meta.dirname, "../..");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function teamCreate(url: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/team-create.ts", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" } },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let url: string;
let database: Database | null = null;
const db = async () => (database ??= await openDatabase(url)).db;

beforeAll(async () => {
  url = await createTestDatabaseUrl(); // empty: the script migrates it
});
afterAll(async () => {
  await database?.close();
  await dropTestDatabase(url);
});

describe("npm run team:create", () => {
  let teamId: number;
  let firstCode: string;

  it("creates a team in a confirmed commune and prints the invite code as JSON", async () => {
    const run = await teamCreate(url, ["--province", "11", "--commune", "03295", "--name", "Tổ truyền thông bản Có", "--villages", "Bản Có, Bản Lán", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { teamId: number; inviteCode: string };
    expect(out).toEqual({ teamId: expect.any(Number), name: "Tổ truyền thông bản Có", provinceCode: "11", communeCode: "03295", villages: ["Bản Có", "Bản Lán"], inviteCode: expect.stringMatching(/^\d{4,6}$/) });
    teamId = out.teamId;
    firstCode = out.inviteCode;
    const row = await (await db()).team.findUniqueOrThrow({ where: { id: teamId } });
    expect(row).toMatchObject({ name: "Tổ truyền thông bản Có", inviteCode: firstCode, villages: '["Bản Có","Bản Lán"]', active: true });
  });

  it("prints a line staff can read out, and accepts the places by name, old or new", async () => {
    const run = await teamCreate(url, ["--province", "Điện Biên", "--commune", "quai to", "--name", "Tổ bản Lán", "--villages", "Bản Lán", "--json"]);
    expect(JSON.parse(run.stdout)).toMatchObject({ provinceCode: "11", communeCode: "03295" });
    const old = await teamCreate(url, ["--province", "12", "--commune", "Bản Lang", "--name", "Tổ Bản Lang", "--villages", "Bản Lang", "--json"]);
    expect(JSON.parse(old.stdout)).toMatchObject({ provinceCode: "12", communeCode: "03583" });
    const text = await teamCreate(url, ["--province", "11", "--commune", "03295", "--name", "Tổ bản Lán 2", "--villages", "Bản Lán"]);
    const run2 = text;
    expect(run.code).toBe(0);
    const code = /Invite code: (\d+)/.exec(run2.stdout)?.[1];
    expect(code).toMatch(/^\d{4,6}$/);
    expect(run2.stdout).toContain(`DK ${code}`);
  });

  it("refuses unknown or ambiguous places, writing nothing", async () => {
    const before = await (await db()).team.count();
    const unknown = await teamCreate(url, ["--province", "atlantis", "--commune", "x", "--name", "Tổ", "--villages", "A"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown province "atlantis"');
    const wrongCommune = await teamCreate(url, ["--province", "11", "--commune", "99999", "--name", "Tổ", "--villages", "A"]);
    expect(wrongCommune.code).toBe(2);
    expect(wrongCommune.stderr).toContain('unknown commune "99999" in 11 Điện Biên');
    const otherProvince = await teamCreate(url, ["--province", "11", "--commune", "03549", "--name", "Tổ", "--villages", "A"]);
    expect(otherProvince.code).toBe(2);
    // An old district now split between communes: the choices are named, nothing is guessed.
    const split = await teamCreate(url, ["--province", "11", "--commune", "huyện Tuần Giáo", "--name", "Tổ", "--villages", "A"]);
    expect(split.code).toBe(2);
    expect(split.stderr).toContain("did you mean: 03253 Tuần Giáo");
    expect(split.stderr).toContain("03295 Quài Tở");
    const missing = await teamCreate(url, ["--province", "11", "--commune", "03295"]);
    expect(missing.code).toBe(2);
    const bogus = await teamCreate(url, ["--bogus"]);
    expect(bogus.code).toBe(2);
    expect(await (await db()).team.count()).toBe(before);
  });

  it("accepts any commune of the official map", async () => {
    const run = await teamCreate(url, ["--province", "12", "--commune", "03549", "--name", "Tổ Phong Thổ", "--villages", "Bản A", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ communeCode: "03549" });
  });

  it("--reissue gives a new code and the old one stops working; --revoke leaves no code", async () => {
    const reissued = await teamCreate(url, ["--reissue", String(teamId), "--json"]);
    expect(reissued.code).toBe(0);
    const { inviteCode } = JSON.parse(reissued.stdout) as { inviteCode: string };
    expect(inviteCode).not.toBe(firstCode);
    const now = new Date();
    expect(await joinByCode(await db(), "zalo", "leader-1", firstCode, now)).toEqual({ ok: false, reason: "unknown_code" });
    expect(await joinByCode(await db(), "zalo", "leader-1", inviteCode, now)).toMatchObject({ ok: true });

    const revoked = await teamCreate(url, ["--revoke", String(teamId)]);
    expect(revoked.code).toBe(0);
    expect((await (await db()).team.findUniqueOrThrow({ where: { id: teamId } })).inviteCode).toBeNull();
    expect(await joinByCode(await db(), "zalo", "leader-2", inviteCode, now)).toEqual({ ok: false, reason: "unknown_code" });

    const missing = await teamCreate(url, ["--revoke", "999999"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("team 999999 does not exist");
  });
});
