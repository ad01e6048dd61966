// Teams and the chat accounts of their leaders. Staff create a team and hand its leader an
// invite code; the leader sends "DK <code>" from Zalo or Messenger (or both) and is linked.
// A wrong code says only "wrong": it never tells whether some team exists.
// Every function takes a transaction client, so the bot can call them inside its turn.
import type { Tx } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { generateInviteCode, type CodeLength } from "./invite-code.js";

export { generateInviteCode } from "./invite-code.js";
export { parseJoinCommand, parseReminderCommand } from "./commands.js";

export type TeamRow = { id: number; name: string; provinceCode: string; communeCode: string; villages: string[]; active: boolean };

export type JoinResult = { ok: true; team: TeamRow; already: boolean } | { ok: false; reason: "unknown_code" | "other_team" };

export interface NewTeam {
  name: string;
  provinceCode: string;
  communeCode: string;
  villages: string[];
}

type TeamRecord = { id: number; name: string; provinceCode: string; communeCode: string; villages: string; active: boolean };

export function toTeamRow(r: TeamRecord): TeamRow {
  return { id: r.id, name: r.name, provinceCode: r.provinceCode, communeCode: r.communeCode, villages: parseVillages(r.villages), active: r.active };
}

function parseVillages(s: string): string[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

// Four digits while they are easy to find; a longer code only once four-digit codes
// keep colliding (thousands of teams), so codes stay as short as the count allows.
const TRIES_PER_LENGTH = 12;
const LENGTHS: CodeLength[] = [4, 5, 6];

/** A code no team holds yet. Checked first (a failed insert would abort a PostgreSQL transaction). */
async function freeCode(db: Tx, avoid?: string | null): Promise<string> {
  for (const length of LENGTHS) {
    for (let i = 0; i < TRIES_PER_LENGTH; i++) {
      const code = generateInviteCode(length);
      if (code === avoid) continue;
      if (!(await db.team.findUnique({ where: { inviteCode: code }, select: { id: true } }))) return code;
    }
  }
  throw new Error("no free invite code found");
}

/** Retries when another writer took the same code between our check and our write. */
async function withFreeCode<T>(db: Tx, avoid: string | null | undefined, write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const code = await freeCode(db, avoid);
    try {
      return await write(code);
    } catch (err) {
      if (attempt < 2 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

export async function createTeam(db: Tx, t: NewTeam, now: Date): Promise<{ team: TeamRow; inviteCode: string }> {
  const villages = [...new Set(t.villages.map((v) => v.trim()).filter((v) => v !== ""))];
  const row = await withFreeCode(db, null, (inviteCode) =>
    db.team.create({
      data: { name: t.name.trim(), provinceCode: t.provinceCode, communeCode: t.communeCode, villages: JSON.stringify(villages), inviteCode, inviteIssuedAt: now, createdAt: now },
    }),
  );
  return { team: toTeamRow(row), inviteCode: row.inviteCode! };
}

/** A new code for the team; the old one stops working at once. Members stay members. */
export async function reissueInvite(db: Tx, teamId: number, now: Date): Promise<string> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { inviteCode: true } });
  if (!team) throw new Error(`team ${teamId} does not exist`);
  const row = await withFreeCode(db, team.inviteCode, (inviteCode) =>
    db.team.update({ where: { id: teamId }, data: { inviteCode, inviteIssuedAt: now } }),
  );
  return row.inviteCode!;
}

/** Nobody new can join until a code is reissued. Members stay members. */
export async function revokeInvite(db: Tx, teamId: number): Promise<void> {
  const res = await db.team.updateMany({ where: { id: teamId }, data: { inviteCode: null, inviteIssuedAt: null } });
  if (res.count !== 1) throw new Error(`team ${teamId} does not exist`);
}

/** The account's team, or null. A deactivated team counts as no team: it cannot report. */
export async function findMembership(db: Tx, channel: string, userId: string): Promise<{ memberId: number; team: TeamRow; remindersOff: boolean } | null> {
  const member = await db.teamMember.findUnique({ where: { channel_userId: { channel, userId } } });
  if (!member) return null;
  const team = await db.team.findUnique({ where: { id: member.teamId } });
  if (!team || !team.active) return null;
  return { memberId: member.id, team: toTeamRow(team), remindersOff: member.remindersOff };
}

export async function joinByCode(db: Tx, channel: string, userId: string, code: string, now: Date): Promise<JoinResult> {
  const inviteCode = code.replace(/\D/g, "");
  const team = inviteCode === "" ? null : await db.team.findUnique({ where: { inviteCode } });
  if (!team || !team.active) return { ok: false, reason: "unknown_code" };
  const member = await db.teamMember.findUnique({ where: { channel_userId: { channel, userId } } });
  if (member?.teamId === team.id) return { ok: true, team: toTeamRow(team), already: true };
  if (member) {
    // Moving between running teams is for staff; an account left in a closed team may move on.
    const current = await db.team.findUnique({ where: { id: member.teamId }, select: { active: true } });
    if (current?.active) return { ok: false, reason: "other_team" };
    await db.teamMember.update({ where: { id: member.id }, data: { teamId: team.id, joinedAt: now } });
    return { ok: true, team: toTeamRow(team), already: false };
  }
  await db.teamMember.create({ data: { teamId: team.id, channel, userId, joinedAt: now } });
  return { ok: true, team: toTeamRow(team), already: false };
}

/** false when the account is in no team (nothing to switch). */
export async function setRemindersOff(db: Tx, channel: string, userId: string, off: boolean): Promise<boolean> {
  const res = await db.teamMember.updateMany({ where: { channel, userId }, data: { remindersOff: off } });
  return res.count > 0;
}
