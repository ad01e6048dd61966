// The demo dataset: DEMO=1 fills the console with something a Union officer recognises (three
// seed provinces, 40 teams, two years of reports with June and November busier, flags in the
// handover inbox, a finished campaign with its report); a second load adds nothing; clearing
// removes every demo row and nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearDemo, loadDemo } from "../../src/demo/load.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let server: TestServer;
const db = () => server.database.db;

beforeAll(async () => {
  server = await startTestServer({ DEMO: "1" });
});
afterAll(async () => {
  await server?.close();
});

describe("the demo dataset", () => {
  it("is loaded at start: 40 teams in Điện Biên, Lai Châu and Sơn La, two years of reports, busier in June and November", async () => {
    const teams = await db().team.findMany({ where: { demo: true } });
    expect(teams).toHaveLength(40);
    expect(new Set(teams.map((t) => t.provinceCode))).toEqual(new Set(["11", "12", "14"]));
    expect(teams.every((t) => t.name.includes("(dữ liệu mẫu)"))).toBe(true);
    const reports = await db().sessionReport.findMany({ where: { demo: true }, select: { sessionDate: true } });
    expect(reports.length).toBeGreaterThan(500);
    const byMonth = new Map<string, number>();
    for (const r of reports) byMonth.set(r.sessionDate.slice(5, 7), (byMonth.get(r.sessionDate.slice(5, 7)) ?? 0) + 1);
    const campaignMonths = ((byMonth.get("06") ?? 0) + (byMonth.get("11") ?? 0)) / 2;
    const others = [...byMonth.entries()].filter(([m]) => m !== "06" && m !== "11").map(([, n]) => n);
    expect(campaignMonths).toBeGreaterThan((others.reduce((a, b) => a + b, 0) / others.length) * 1.5);
    const campaign = await db().campaign.findFirstOrThrow({ where: { demo: true } });
    expect(campaign.status).toBe("done");
    expect(await db().broadcastRecipient.count({ where: { campaignId: campaign.id } })).toBeGreaterThan(100);
  });

  it("shows on the dashboard, in the handover inbox and on the campaign's report", async () => {
    const admin = new StaffClient(server.url);
    await admin.login((await makeStaff(db(), { role: "centre_admin" })).email);
    const dashboard = (await admin.get("/staff")).text;
    const sessions = Number(/data-stat="sessions" data-value="(\d+)"/.exec(dashboard)?.[1] ?? "0");
    expect(sessions).toBeGreaterThan(0); // the default period (this quarter) has demo sessions
    const inbox = (await admin.get("/staff/handover")).text;
    const open = await db().handover.findMany({ where: { demo: true, status: "open" } });
    expect(open.length).toBeGreaterThan(0);
    for (const h of open) expect(inbox).toContain(`data-id="${h.id}"`);
    const campaign = await db().campaign.findFirstOrThrow({ where: { demo: true } });
    const report = (await admin.get(`/staff/campaigns/${campaign.id}`)).text;
    expect(report.match(/data-report="[^"]*"/g) ?? [], report.slice(0, 300)).toEqual(expect.arrayContaining([expect.stringMatching(/\|seen\|"$/)]));
  });

  it("loads twice without duplicates, and clears completely, leaving everything else", async () => {
    const before = { teams: await db().team.count(), reports: await db().sessionReport.count(), handovers: await db().handover.count() };
    expect((await loadDemo(db(), "zalo")).loaded).toBe(false);
    expect({ teams: await db().team.count(), reports: await db().sessionReport.count(), handovers: await db().handover.count() }).toEqual(before);
    const mine = await db().team.create({ data: { name: "Tổ thật", provinceCode: "12", communeCode: "03388" } });
    const removed = await clearDemo(db());
    expect(removed.teams).toBe(40);
    for (const [model, n] of [["team", await db().team.count({ where: { demo: true } })], ["report", await db().sessionReport.count({ where: { demo: true } })], ["handover", await db().handover.count({ where: { demo: true } })], ["conversation", await db().conversation.count({ where: { demo: true } })], ["campaign", await db().campaign.count({ where: { demo: true } })]] as const) {
      expect(n, model).toBe(0);
    }
    expect(await db().broadcastRecipient.count({ where: { userId: { startsWith: "demo-camp-" } } })).toBe(0);
    expect(await db().team.findUnique({ where: { id: mine.id } })).not.toBeNull();
    // And it can be loaded again afterwards.
    expect((await loadDemo(db(), "zalo")).loaded).toBe(true);
  });
});
