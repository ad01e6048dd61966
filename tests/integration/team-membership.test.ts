// Teams and invite codes against a real database: create → code, join from Zalo and
// Messenger, wrong codes, other teams, revoke and reissue; and the command parsers' tables.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAcceptableCode, looksLikeDate } from "../../src/flows/team/invite-code.js";
import {
  createTeam,
  findMembership,
  generateInviteCode,
  joinByCode,
  parseJoinCommand,
  parseReminderCommand,
  reissueInvite,
  revokeInvite,
  setRemindersOff,
} from "../../src/flows/team/membership.js";
import { openTestDatabase, type TestDb } from "../support/db.js";

const NOW = new Date("2026-05-04T02:00:00Z");
const ZALO_USER = "8309393969855400001";
const PSID = "7000000000000000001";

let database: TestDb;
const db = () => database.db;
const quaiTo = (name: string, villages = ["Bản Có", "Bản Lán"]) => ({ name, provinceCode: "11", communeCode: "03295", villages });

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("invite codes", () => {
  it("are 4 digits by default, never with a leading 0 or 1, never hotline- or date-like", () => {
    for (let i = 0; i < 2000; i++) {
      const code = generateInviteCode();
      expect(code).toMatch(/^[2-9]\d{3}$/);
      expect(code).not.toMatch(/11[1-9]/);
      expect(looksLikeDate(code)).toBe(false);
    }
    expect(generateInviteCode(6)).toMatch(/^[2-9]\d{5}$/);
  });

  it.each([
    ["4821", true],
    ["0482", false], // reads as a phone number
    ["1150", false], // 115 ambulance
    ["2113", false], // contains 113 police
    ["1900", false], // service number / year
    ["2026", false], // a year
    ["1206", false], // 12/6
    ["3112", false], // 31/12
    ["3113", false], // 113
    ["3213", true], // no 32nd day
    ["5555", false], // one digit
    ["6789", false], // a straight run
    ["120626", false], // 12/06/26
    ["962026", false], // 9/6/2026
    ["482193", true],
  ])("%s acceptable: %s", (code, ok) => {
    expect(isAcceptableCode(code)).toBe(ok);
  });
});

describe("membership", () => {
  it("creates a team with a unique code and the cleaned village list", async () => {
    const { team, inviteCode } = await createTeam(db(), quaiTo("  Tổ truyền thông bản Có ", ["Bản Có", " Bản Lán ", "", "Bản Có"]), NOW);
    expect(inviteCode).toMatch(/^\d{4}$/);
    expect(team).toEqual({ id: team.id, name: "Tổ truyền thông bản Có", provinceCode: "11", communeCode: "03295", villages: ["Bản Có", "Bản Lán"], active: true });
    const row = await db().team.findUniqueOrThrow({ where: { id: team.id } });
    expect(row.inviteCode).toBe(inviteCode);
    expect(row.inviteIssuedAt).toEqual(NOW);
  });

  it("gives every team its own code", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) codes.add((await createTeam(db(), quaiTo(`Tổ ${i}`), NOW)).inviteCode);
    expect(codes.size).toBe(40);
  });

  it("links one leader from Zalo and Messenger to the same team; a repeat join says already", async () => {
    const { team, inviteCode } = await createTeam(db(), quaiTo("Tổ bản Lán"), NOW);
    expect(await findMembership(db(), "zalo", ZALO_USER)).toBeNull();

    const zalo = await joinByCode(db(), "zalo", ZALO_USER, inviteCode, NOW);
    expect(zalo).toEqual({ ok: true, team: expect.objectContaining({ id: team.id, name: "Tổ bản Lán" }), already: false });
    // Typed with spaces, as on a cheap phone keypad.
    const messenger = await joinByCode(db(), "messenger", PSID, `${inviteCode.slice(0, 2)} ${inviteCode.slice(2)}`, NOW);
    expect(messenger).toMatchObject({ ok: true, already: false, team: { id: team.id } });
    expect(await joinByCode(db(), "zalo", ZALO_USER, inviteCode, NOW)).toMatchObject({ ok: true, already: true });

    const rows = await db().teamMember.findMany({ where: { teamId: team.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.channel, r.userId])).toEqual([
      ["zalo", ZALO_USER],
      ["messenger", PSID],
    ]);
    const m = await findMembership(db(), "messenger", PSID);
    expect(m).toEqual({ memberId: rows[1]!.id, team: expect.objectContaining({ id: team.id, villages: ["Bản Có", "Bản Lán"] }), remindersOff: false });
  });

  it("a wrong code says only unknown_code and links nothing", async () => {
    const user = "8309393969855400002";
    for (const code of ["0000", "", "abc", "99999999"]) {
      expect(await joinByCode(db(), "zalo", user, code, NOW)).toEqual({ ok: false, reason: "unknown_code" });
    }
    expect(await db().teamMember.count({ where: { userId: user } })).toBe(0);
  });

  it("an account in another running team gets other_team and stays where it is", async () => {
    const a = await createTeam(db(), quaiTo("Tổ A"), NOW);
    const b = await createTeam(db(), quaiTo("Tổ B"), NOW);
    const user = "8309393969855400003";
    await joinByCode(db(), "zalo", user, a.inviteCode, NOW);
    expect(await joinByCode(db(), "zalo", user, b.inviteCode, NOW)).toEqual({ ok: false, reason: "other_team" });
    expect((await findMembership(db(), "zalo", user))?.team.id).toBe(a.team.id);
  });

  it("a closed team neither reports nor holds its members; its code stops working", async () => {
    const closed = await createTeam(db(), quaiTo("Tổ đã giải thể"), NOW);
    const next = await createTeam(db(), quaiTo("Tổ mới"), NOW);
    const user = "8309393969855400004";
    await joinByCode(db(), "zalo", user, closed.inviteCode, NOW);
    await db().team.update({ where: { id: closed.team.id }, data: { active: false } });
    expect(await findMembership(db(), "zalo", user)).toBeNull();
    expect(await joinByCode(db(), "zalo", "8309393969855400005", closed.inviteCode, NOW)).toEqual({ ok: false, reason: "unknown_code" });
    expect(await joinByCode(db(), "zalo", user, next.inviteCode, NOW)).toMatchObject({ ok: true, already: false, team: { id: next.team.id } });
    expect(await db().teamMember.count({ where: { userId: user } })).toBe(1);
  });

  it("revoke: the code stops working, members stay; reissue: a new code works, the old one does not", async () => {
    const { team, inviteCode } = await createTeam(db(), quaiTo("Tổ thu hồi"), NOW);
    const member = "8309393969855400006";
    await joinByCode(db(), "zalo", member, inviteCode, NOW);
    await revokeInvite(db(), team.id);
    expect(await joinByCode(db(), "zalo", "8309393969855400007", inviteCode, NOW)).toEqual({ ok: false, reason: "unknown_code" });
    expect(await findMembership(db(), "zalo", member)).not.toBeNull();

    const later = new Date(NOW.getTime() + 86_400_000);
    const fresh = await reissueInvite(db(), team.id, later);
    expect(fresh).not.toBe(inviteCode);
    expect(isAcceptableCode(fresh)).toBe(true);
    expect(await joinByCode(db(), "zalo", "8309393969855400007", fresh, later)).toMatchObject({ ok: true, team: { id: team.id } });
    const again = await reissueInvite(db(), team.id, later);
    expect(again).not.toBe(fresh);
    expect(await joinByCode(db(), "zalo", "8309393969855400008", fresh, later)).toEqual({ ok: false, reason: "unknown_code" });
    expect((await db().team.findUniqueOrThrow({ where: { id: team.id } })).inviteIssuedAt).toEqual(later);

    await expect(reissueInvite(db(), 999_999, later)).rejects.toThrow(/does not exist/);
    await expect(revokeInvite(db(), 999_999)).rejects.toThrow(/does not exist/);
  });

  it("works inside a transaction", async () => {
    const user = "8309393969855400009";
    const joined = await db().$transaction(async (tx) => {
      const { inviteCode } = await createTeam(tx, quaiTo("Tổ trong giao dịch"), NOW);
      return joinByCode(tx, "messenger", user, inviteCode, NOW);
    });
    expect(joined.ok).toBe(true);
    expect(await findMembership(db(), "messenger", user)).not.toBeNull();
  });

  it("switches reminders per account, and says false for someone in no team", async () => {
    const { inviteCode } = await createTeam(db(), quaiTo("Tổ nhắc"), NOW);
    const user = "8309393969855400010";
    await joinByCode(db(), "zalo", user, inviteCode, NOW);
    expect(await setRemindersOff(db(), "zalo", user, true)).toBe(true);
    expect((await findMembership(db(), "zalo", user))?.remindersOff).toBe(true);
    expect(await setRemindersOff(db(), "zalo", user, false)).toBe(true);
    expect((await findMembership(db(), "zalo", user))?.remindersOff).toBe(false);
    expect(await setRemindersOff(db(), "zalo", "nobody", true)).toBe(false);
  });
});

describe("parseJoinCommand", () => {
  it.each([
    ["DK 4821", "4821"],
    ["dk4821", "4821"],
    ["ĐK 4821", "4821"],
    ["đk 48 21", "4821"],
    ["Đăng ký 4821", "4821"],
    ["dang ky 4821", "4821"],
    ["đăng kí 4821", "4821"],
    ["dangky4821", "4821"],
    ["  DK   4821  ", "4821"],
    ["DK: 4821", "4821"],
    ["register 4821", "4821"],
    ["dang ky", null],
    ["Đăng ký", null],
    ["DK", null],
  ])("%j → code %j", (raw, code) => {
    expect(parseJoinCommand(raw)).toEqual({ code });
  });

  it.each(["", "4821", "BC 12/6", "đăng ký tham gia", "dk abc", "tôi muốn đăng ký 4821", "dkk 4821", "xin chào"])("%j → null", (raw) => {
    expect(parseJoinCommand(raw)).toBeNull();
  });
});

describe("parseReminderCommand", () => {
  it.each([
    ["tắt nhắc", "off"],
    ["Tắt nhắc", "off"],
    ["tat nhac", "off"],
    ["TAT NHAC", "off"],
    ["dừng nhắc", "off"],
    ["tắt nhắc nhở", "off"],
    ["stop reminders", "off"],
    ["Stop reminders!", "off"],
    ["bật nhắc", "on"],
    ["bat nhac", "on"],
    ["start reminders", "on"],
  ])("%j → %s", (raw, expected) => {
    expect(parseReminderCommand(raw)).toBe(expected);
  });

  it.each(["", "nhắc", "tắt", "đừng nhắc tôi về chuyện đó", "BC", "dừng"])("%j → null", (raw) => {
    expect(parseReminderCommand(raw)).toBeNull();
  });
});
