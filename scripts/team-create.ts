// npm run team:create -- --province 11 --commune 03295 --name "Tổ truyền thông bản Có" --villages "Bản Có,Bản Lán"
//   --province and --commune take the official code ("11", "03295") or the name as people say it
//   ("Điện Biên", "Quài Tở", even the old "Tỏa Tình"); the team is filed under the official codes.
//   [--json]    print one JSON object instead of text
// npm run team:create -- --reissue <teamId>   a new invite code; the old one stops working
// npm run team:create -- --revoke <teamId>    no code: nobody new can join until reissued
// Opens DATABASE_URL (default SQLite file:./data/chungtay.db) and applies migrations first.
// Operator tool: its output is for staff at a terminal, not for chat users.
// Exit codes: 0 done, 2 bad arguments (nothing written), 1 anything else.
import { parseArgs } from "node:util";
import { defaultAreas, findCommune, findProvince, listVillages } from "../src/areas/index.js";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { createTeam, reissueInvite, revokeInvite } from "../src/flows/team/membership.js";

class UsageError extends Error {}

function readArgs() {
  return parseArgs({
    options: {
      province: { type: "string" },
      commune: { type: "string" },
      name: { type: "string" },
      villages: { type: "string" },
      json: { type: "boolean", default: false },
      reissue: { type: "string" },
      revoke: { type: "string" },
    },
    strict: true,
  }).values;
}

type Action =
  | { kind: "create"; provinceCode: string; communeCode: string; name: string; villages: string[] }
  | { kind: "reissue"; teamId: number }
  | { kind: "revoke"; teamId: number };

function teamId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`not a team id: ${raw}`);
  return id;
}

function action(values: ReturnType<typeof readArgs>): Action {
  if (values.reissue !== undefined && values.revoke !== undefined) throw new UsageError("give --reissue or --revoke, not both");
  if (values.reissue !== undefined) return { kind: "reissue", teamId: teamId(values.reissue) };
  if (values.revoke !== undefined) return { kind: "revoke", teamId: teamId(values.revoke) };
  const name = values.name?.trim();
  if (!values.province || !values.commune || !name) throw new UsageError("--province, --commune and --name are required");
  const areas = defaultAreas();
  const province = areas.provincesByCode.get(values.province) ?? findProvince(values.province);
  if (!province) throw new UsageError(`unknown province "${values.province}"; give its official code or name, e.g. 11 or "Điện Biên"`);
  const byCode = areas.communesByCode.get(values.commune);
  const match = byCode ? null : findCommune(values.commune, { provinceCode: province.code });
  const commune = byCode ?? (match && match.others.length === 0 ? match.commune : undefined);
  if (!commune || commune.provinceCode !== province.code) {
    const near = match ? [match.commune, ...match.others] : [];
    const hint = near.length > 0 ? `; did you mean: ${near.map((c) => `${c.code} ${c.name}`).join(", ")}` : `; give its five-digit official code or its name`;
    throw new UsageError(`unknown commune "${values.commune}" in ${province.code} ${province.name}${hint}`);
  }
  const communeCode = commune.code;
  const given = (values.villages ?? "").split(",").map((v) => v.trim()).filter((v) => v !== "");
  // Without --villages, the villages the directory knows for the commune.
  const villages = given.length > 0 ? given : listVillages(communeCode).map((v) => v.name);
  if (villages.length === 0) throw new UsageError("--villages is required: the directory lists no villages for this commune");
  return { kind: "create", provinceCode: province.code, communeCode, name, villages };
}

async function run(a: Action): Promise<Record<string, unknown>> {
  const url = process.env.DATABASE_URL || "file:./data/chungtay.db";
  await migrate(url);
  const database = await openDatabase(url);
  try {
    const db = database.db;
    const now = new Date();
    if (a.kind === "reissue") {
      if (!(await db.team.findUnique({ where: { id: a.teamId } }))) throw new UsageError(`team ${a.teamId} does not exist`);
      return { teamId: a.teamId, inviteCode: await reissueInvite(db, a.teamId, now) };
    }
    if (a.kind === "revoke") {
      if (!(await db.team.findUnique({ where: { id: a.teamId } }))) throw new UsageError(`team ${a.teamId} does not exist`);
      await revokeInvite(db, a.teamId);
      return { teamId: a.teamId, inviteCode: null };
    }
    const { team, inviteCode } = await createTeam(db, a, now);
    return { teamId: team.id, name: team.name, provinceCode: team.provinceCode, communeCode: team.communeCode, villages: team.villages, inviteCode };
  } finally {
    await database.close();
  }
}

function describe(a: Action, r: Record<string, unknown>): string {
  if (a.kind === "revoke") return `Team ${a.teamId}: invite code revoked. Existing members stay; reissue with --reissue ${a.teamId}.`;
  const lines = a.kind === "create" ? [`Created team ${String(r.teamId)}: ${a.name} (${a.communeCode}), villages: ${a.villages.join(", ")}`] : [`Team ${a.teamId}: new invite code (the old one no longer works).`];
  lines.push(`Invite code: ${String(r.inviteCode)}`, `The leader sends "DK ${String(r.inviteCode)}" to the Zalo OA or the Facebook Page.`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  let values: ReturnType<typeof readArgs>;
  try {
    values = readArgs();
  } catch (err) {
    throw new UsageError((err as Error).message); // unknown option or a missing value
  }
  const a = action(values);
  const result = await run(a);
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${describe(a, result)}\n`);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`team:create: ${(err as Error).message}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
