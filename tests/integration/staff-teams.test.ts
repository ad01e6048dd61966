// Teams in the staff console: create (→ invite code), members per channel, last report date,
// reissue and revoke the code, close the team; all scoped to the staff member's area.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinByCode } from "../../src/flows/team/membership.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const QUAI_TO = "03295";
const TUAN_GIAO = "03253";
let server: TestServer;
let quaiTo: StaffClient;
let tuanGiao: StaffClient;
const db = () => server.database.db;

async function signIn(role: "centre_admin" | "province_staff" | "commune_staff", areaCode?: string): Promise<StaffClient> {
  const { email } = await makeStaff(db(), { role, ...(areaCode ? { areaCode } : {}) });
  const c = new StaffClient(server.url);
  expect(await c.login(email)).toBe(303);
  await c.get("/staff/teams/new");
  return c;
}

async function createTeam(c: StaffClient, form: Record<string, string>): Promise<{ id: number; code: string }> {
  const res = await c.post("/staff/teams/new", form);
  expect(res.status).toBe(201);
  const code = /<p class="invite-big" id="invite-code">(\d+)<\/p>/.exec(res.text)![1]!;
  const team = await db().team.findUniqueOrThrow({ where: { inviteCode: code } });
  return { id: team.id, code };
}

const fieldErrors = (page: string) => Object.fromEntries([...page.matchAll(/<span class="field-error" id="err-([a-z_]+)">([^<]*)<\/span>/g)].map((m) => [m[1]!, m[2]!]));
const teamRow = (page: string, id: number) => new RegExp(`<tr id="team-${id}"[^>]*>(.*?)</tr>`, "s").exec(page)?.[1] ?? "";

async function report(teamId: number, sessionDate: string): Promise<void> {
  await db().sessionReport.create({
    data: {
      reference: `R-${teamId}-${sessionDate}`, teamId, provinceCode: "11", communeCode: QUAI_TO, sessionDate, village: "Bản Có", topics: '["child-marriage"]', format: "village-meeting",
      total: 30, women: 20, men: 10, ethnicMinority: 28, childrenUnder16: 3, languages: '["vi"]', reporterChannel: "zalo", reporterUserId: "8309393969855400001",
    },
  });
}

beforeAll(async () => {
  server = await startTestServer();
  quaiTo = await signIn("commune_staff", QUAI_TO);
  tuanGiao = await signIn("commune_staff", TUAN_GIAO);
});
afterAll(async () => {
  await server?.close();
});

describe("staff teams", () => {
  let team: { id: number; code: string };

  it("creating a team shows its invite code and writes an audit row", async () => {
    team = await createTeam(quaiTo, { name: "Tổ truyền thông bản Có", commune_code: QUAI_TO, villages: "Bản Có, Bản Lán ,, " });
    expect(team.code).toMatch(/^\d{4,6}$/);
    expect(await db().team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ provinceCode: "11", communeCode: QUAI_TO, villages: '["Bản Có","Bản Lán"]', active: true });
    const log = await db().auditLog.findFirstOrThrow({ where: { action: "team.create", objectId: String(team.id) } });
    expect(log.detail).not.toContain(team.code);
  });

  it("the form says what is missing, per field, and a commune account cannot pick another commune", async () => {
    const count = await db().team.count();
    const empty = await quaiTo.post("/staff/teams/new", { name: "", commune_code: QUAI_TO, villages: " , " });
    expect(empty.status).toBe(422);
    expect(fieldErrors(empty.text)).toEqual({ name: "cần tên tổ", villages: "cần ít nhất một thôn/bản" });
    const other = await quaiTo.post("/staff/teams/new", { name: "Tổ lạ", commune_code: TUAN_GIAO, villages: "Bản A" });
    expect(fieldErrors(other.text)).toEqual({ commune_code: "nằm ngoài địa bàn của bạn" });
    expect(await db().team.count()).toBe(count);
    // Only the staff member's own commune is offered.
    const form = (await quaiTo.get("/staff/teams/new")).text;
    expect([...form.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual([QUAI_TO]);
  });

  it("the list shows villages, linked leaders per channel, the code and the last report date", async () => {
    const now = new Date();
    expect((await joinByCode(db(), "zalo", "8309393969855400001", team.code, now)).ok).toBe(true);
    expect((await joinByCode(db(), "zalo", "8309393969855400002", team.code, now)).ok).toBe(true);
    expect((await joinByCode(db(), "messenger", "7000000000000000001", team.code, now)).ok).toBe(true);
    let row = teamRow((await quaiTo.get("/staff/teams")).text, team.id);
    expect(row).toContain("Bản Có, Bản Lán");
    expect(row).toContain("Zalo: 2");
    expect(row).toContain("Messenger: 1");
    expect(row).toContain(`<b class="invite">${team.code}</b>`);
    expect(row).toContain("chưa có");
    await report(team.id, "2025-08-01");
    await report(team.id, "2025-09-15");
    await report(team.id, "2025-09-02");
    row = teamRow((await quaiTo.get("/staff/teams")).text, team.id);
    expect(row).toMatch(/<td data-label="Báo cáo gần nhất">2025-09-15<\/td>/);
  });

  it("another commune neither sees the team (nor its code) nor changes it: 404", async () => {
    const before = await db().team.findUniqueOrThrow({ where: { id: team.id } });
    const list = (await tuanGiao.get("/staff/teams")).text;
    expect(list).not.toContain(`id="team-${team.id}"`);
    expect(list).not.toContain(`<b class="invite">${team.code}</b>`);
    for (const action of ["reissue", "revoke", "deactivate"]) expect((await tuanGiao.post(`/staff/teams/${team.id}/${action}`)).status).toBe(404);
    expect((await tuanGiao.post("/staff/teams/99999/reissue")).status).toBe(404);
    expect((await tuanGiao.post("/staff/teams/abc/reissue")).status).toBe(404);
    expect(await db().team.findUniqueOrThrow({ where: { id: team.id } })).toEqual(before);
    // Province staff and the centre see it.
    expect((await (await signIn("province_staff", "11")).get("/staff/teams")).text).toContain(`id="team-${team.id}"`);
    expect((await (await signIn("centre_admin")).get("/staff/teams")).text).toContain(`id="team-${team.id}"`);
  });

  it("reissue gives a new code (the old one stops working); revoke leaves none; both are audited", async () => {
    expect((await quaiTo.post(`/staff/teams/${team.id}/reissue`)).status).toBe(303);
    const fresh = (await db().team.findUniqueOrThrow({ where: { id: team.id } })).inviteCode!;
    expect(fresh).not.toBe(team.code);
    expect(teamRow((await quaiTo.get("/staff/teams")).text, team.id)).toContain(fresh);
    expect(await joinByCode(db(), "zalo", "8309393969855400009", team.code, new Date())).toEqual({ ok: false, reason: "unknown_code" });

    expect((await quaiTo.post(`/staff/teams/${team.id}/revoke`)).status).toBe(303);
    expect((await db().team.findUniqueOrThrow({ where: { id: team.id } })).inviteCode).toBeNull();
    expect(teamRow((await quaiTo.get("/staff/teams")).text, team.id)).toContain("không có mã");
    expect(await joinByCode(db(), "zalo", "8309393969855400009", fresh, new Date())).toEqual({ ok: false, reason: "unknown_code" });

    const actions = (await db().auditLog.findMany({ where: { objectType: "team", objectId: String(team.id) }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["team.create", "team.reissue_code", "team.revoke_code"]);
  });

  it("closing a team keeps its members but it no longer takes anyone or shows actions", async () => {
    const other = await createTeam(quaiTo, { name: "Tổ bản Lán", commune_code: QUAI_TO, villages: "Bản Lán" });
    expect((await quaiTo.post(`/staff/teams/${other.id}/deactivate`)).status).toBe(303);
    expect(await db().team.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ active: false, inviteCode: null });
    const row = teamRow((await quaiTo.get("/staff/teams")).text, other.id);
    expect(row).toContain("Đã đóng");
    expect(row).not.toContain("<form");
    expect(await joinByCode(db(), "zalo", "8309393969855400010", other.code, new Date())).toEqual({ ok: false, reason: "unknown_code" });
  });
});
