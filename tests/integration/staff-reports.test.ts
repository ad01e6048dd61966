// Staff reports: every page and export is limited to the staff member's area, opening a
// report and exporting are audited, and the CSV is safe to open in a spreadsheet.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";
import { defaultAreas } from "../../src/areas/index.js";

const provinceOf = (communeCode: string) => defaultAreas().communesByCode.get(communeCode)!.provinceCode;

let server: TestServer;
let db: Db;
const ids: Record<string, number> = {};
const Q1 = "from=2026-01-01&to=2026-03-31";

async function team(name: string, communeCode: string, active = true): Promise<number> {
  const row = await db.team.create({ data: { name, provinceCode: provinceOf(communeCode), communeCode, active } });
  return row.id;
}

async function report(reference: string, teamId: number, communeCode: string, sessionDate: string, extra: Record<string, unknown> = {}): Promise<void> {
  const row = await db.sessionReport.create({
    data: {
      reference, teamId, provinceCode: provinceOf(communeCode), communeCode, sessionDate, village: "Bản Hin", topics: JSON.stringify(["tao-hon"]), format: "truc-tiep",
      total: 40, women: 25, men: 15, ethnicMinority: 38, childrenUnder16: 5, languages: JSON.stringify(["vi", "thai"]), referred: 1, reporterChannel: "zalo", reporterUserId: "u-1", ...extra,
    },
  });
  ids[reference] = row.id;
}

async function signedIn(role: "centre_admin" | "province_staff" | "commune_staff", areaCode?: string): Promise<StaffClient & { staffId: number }> {
  const s = await makeStaff(db, { role, areaCode });
  const c = new StaffClient(server.url);
  expect(await c.login(s.email)).toBe(303);
  return Object.assign(c, { staffId: s.id });
}

/** The report references in a CSV export (first column after the header). */
async function csvRefs(c: StaffClient, query: string): Promise<string[]> {
  const r = await c.get(`/staff/reports/export.csv?${query}`);
  expect(r.status).toBe(200);
  const rows = parse(r.text, { bom: true }) as string[][];
  return rows.slice(1).map((x) => x[0]!).sort();
}

const listRefs = (html: string) => [...html.matchAll(/>(BC-[A-Z0-9]+)</g)].map((m) => m[1]!).sort();
const stat = (html: string, key: string) => Number(new RegExp(`data-stat="${key}" data-value="(\\d+)"`).exec(html)?.[1]);

beforeAll(async () => {
  server = await startTestServer();
  db = server.database.db;
  const hin = await team("Tổ Bản Hin", "03295");
  await team("Tổ Bản Xôm", "03295");
  const old = await team("Tổ cũ", "03295", false);
  const sinh = await team("Tổ Chiềng Sinh", "03283");
  const namXe = await team("Tổ Nậm Xe", "03549");
  await report("BC-QT0001", hin, "03295", "2026-01-10", {
    topics: JSON.stringify(["tao-hon", "bao-luc-gia-dinh"]),
    notes: '=HYPERLINK("http://evil.example","bấm")',
    photos: JSON.stringify(["https://cdn.example/p1.jpg", "javascript:alert(1)"]),
  });
  await report("BC-QT0002", hin, "03295", "2026-02-14", { village: '+cmd, "Bản" <b>Xôm</b>', notes: "dòng 1\r\ndòng 2, có \"ngoặc\"", format: "hop-thon" });
  await report("BC-QT0003", old, "03295", "2026-03-20", { topics: JSON.stringify(["khac"]), notes: "@SUM(1)" });
  await report("BC-QT0OLD", hin, "03295", "2025-12-20");
  await report("BC-QT0PRE", hin, "03295", "2025-05-10"); // before the 2025 reform
  await report("BC-CS0001", sinh, "03283", "2026-03-05", { notes: "-2+3", total: 12, women: 12, men: 0 });
  await report("BC-NX0001", namXe, "03549", "2026-02-01", { topics: JSON.stringify(["mua-ban-nguoi"]), format: "loa" });
  await db.reportRevision.create({ data: { reportId: ids["BC-QT0001"]!, previous: JSON.stringify({ sessionDate: "2026-01-09", village: "Bản Hin", total: 35 }), changedBy: "zalo:u-1" } });
});
afterAll(async () => {
  await server?.close();
});

describe("a commune account sees its commune only", () => {
  it("list, detail, exports and dashboard hold only Quài Tở's reports", async () => {
    const c = await signedIn("commune_staff", "03295");
    const mine = ["BC-QT0001", "BC-QT0002", "BC-QT0003"];
    expect(listRefs((await c.get(`/staff/reports?${Q1}`)).text)).toEqual(mine);
    // Asking for another commune or province through the filter cannot widen the view.
    expect(listRefs((await c.get(`/staff/reports?${Q1}&area=03549`)).text)).toEqual(mine);
    expect(listRefs((await c.get(`/staff/reports?${Q1}&area=11`)).text)).toEqual(mine);
    expect(await csvRefs(c, Q1)).toEqual(mine);
    expect(await csvRefs(c, `${Q1}&area=03283`)).toEqual(mine);

    const missing = await c.get("/staff/reports/99999999");
    const guessed = await c.get(`/staff/reports/${ids["BC-NX0001"]}`);
    expect(missing.status).toBe(404);
    expect(guessed.status).toBe(404);
    expect(guessed.text).toBe(missing.text);
    expect((await c.get(`/staff/reports/${ids["BC-CS0001"]}`)).status).toBe(404);

    const dash = (await c.get(`/staff?${Q1}`)).text;
    expect(stat(dash, "sessions")).toBe(3);
    expect(stat(dash, "total")).toBe(120);
    // Two active teams; the inactive team's session does not count towards the indicator.
    expect(stat(dash, "teams")).toBe(2);
    expect(stat(dash, "teamsWithSession")).toBe(1);
    const agg = parse((await c.get(`/staff/reports/export.csv?${Q1}&kind=aggregate`)).text, { bom: true }) as string[][];
    const total = agg.find((r) => r[0] === "Tổng cộng")!;
    expect(total.slice(4, 8)).toEqual(["2", "1", "3", "120"]);
    expect(agg.filter((r) => r[2] === "Quài Tở")).toHaveLength(1);
    // Official codes beside the names, so the figures join with other government data.
    expect(agg.find((r) => r[2] === "Quài Tở")!.slice(0, 4)).toEqual(["Điện Biên", "11", "Quài Tở", "03295"]);
    expect(agg.some((r) => r.includes("Chiềng Sinh") || r.includes("Lai Châu"))).toBe(false);
  });
});

describe("province and centre accounts", () => {
  it("province staff see their province, and can narrow to one of its communes", async () => {
    const c = await signedIn("province_staff", "11");
    expect(listRefs((await c.get(`/staff/reports?${Q1}`)).text)).toEqual(["BC-CS0001", "BC-QT0001", "BC-QT0002", "BC-QT0003"]);
    expect(listRefs((await c.get(`/staff/reports?${Q1}&area=03283`)).text)).toEqual(["BC-CS0001"]);
    expect(await csvRefs(c, `${Q1}&area=12`)).toEqual(["BC-CS0001", "BC-QT0001", "BC-QT0002", "BC-QT0003"]);
    expect((await c.get(`/staff/reports/${ids["BC-NX0001"]}`)).status).toBe(404);
    expect((await c.get(`/staff/reports/${ids["BC-CS0001"]}`)).status).toBe(200);
    const dash = (await c.get(`/staff/reports/dashboard?${Q1}`)).text;
    expect(stat(dash, "sessions")).toBe(4);
    expect(dash).not.toContain('value="12');
  });

  it("the centre sees every province; topic and team filters narrow the list", async () => {
    const c = await signedIn("centre_admin");
    expect(listRefs((await c.get(`/staff/reports?${Q1}`)).text)).toEqual(["BC-CS0001", "BC-NX0001", "BC-QT0001", "BC-QT0002", "BC-QT0003"]);
    expect(listRefs((await c.get(`/staff/reports?${Q1}&topic=mua-ban-nguoi`)).text)).toEqual(["BC-NX0001"]);
    const team = await db.team.findFirstOrThrow({ where: { name: "Tổ Chiềng Sinh" } });
    expect(await csvRefs(c, `${Q1}&team=${team.id}`)).toEqual(["BC-CS0001"]);
    expect(listRefs((await c.get(`/staff/reports?from=2025-12-01&to=2025-12-31`)).text)).toEqual(["BC-QT0OLD"]);
    const dash = (await c.get(`/staff?${Q1}`)).text;
    expect(dash.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(stat(dash, "sessions")).toBe(5);
  });
});

describe("report detail", () => {
  it("shows every field, safe photo links and the correction history, and is audited", async () => {
    const c = await signedIn("commune_staff", "03295");
    const r = await c.get(`/staff/reports/${ids["BC-QT0001"]}`);
    expect(r.status).toBe(200);
    for (const s of ["BC-QT0001", "10/01/2026", "Quài Tở", "Điện Biên", "Tổ Bản Hin", "Tảo hôn", "Bạo lực gia đình", "Truyền thông trực tiếp", "Tiếng Thái", "Người gửi báo cáo (Zalo)"]) expect(r.text).toContain(s);
    expect(r.text).toContain('href="https://cdn.example/p1.jpg"');
    expect(r.text).not.toMatch(/href="javascript:/i);
    expect(r.text).toMatch(/<del>09\/01\/2026<\/del> → <ins>10\/01\/2026<\/ins>/);
    expect(r.text).toMatch(/<del>35<\/del> → <ins>40<\/ins>/);
    const escaped = await c.get(`/staff/reports/${ids["BC-QT0002"]}`);
    expect(escaped.text).toContain("&lt;b&gt;Xôm&lt;/b&gt;");
    const rows = await db.auditLog.findMany({ where: { staffId: c.staffId, action: "open", objectType: "report" } });
    expect(rows.map((a) => a.objectId)).toEqual([String(ids["BC-QT0001"]), String(ids["BC-QT0002"])]);
  });
});

describe("exports", () => {
  it("a report made before 1/7/2025 also names the communes and district as they were then", async () => {
    const c = await signedIn("province_staff", "11");
    const rows = parse((await c.get(`/staff/reports/export.csv?from=2025-04-01&to=2025-12-31`)).text, { bom: true }) as string[][];
    const col = rows[0]!.indexOf("Địa danh cũ (trước 1/7/2025)");
    const by = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(by.get("BC-QT0PRE")![col]!.split(" (")[0]!.split(", ").sort()).toEqual(["Xã Quài Tở", "Xã Tênh Phông", "Xã Tỏa Tình"]);
    expect(by.get("BC-QT0PRE")![col]).toMatch(/\(huyện Tuần Giáo\)$/);
    expect(by.get("BC-QT0OLD")![col]).toBe("");
  });

  it("CSV: BOM, CRLF, parses back, formula injection neutralised; each export audited without text", async () => {
    const c = await signedIn("province_staff", "11");
    const r = await c.request("GET", `/staff/reports/export.csv?${Q1}`);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="chung-tay-bao-cao-2026-01-01_2026-03-31\.csv"/);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header!.slice(0, 11)).toEqual(["Mã báo cáo", "Ngày", "Tỉnh", "Mã tỉnh", "Xã", "Mã xã", "Địa danh cũ (trước 1/7/2025)", "Thôn/bản", "Tổ", "Chủ đề", "Hình thức"]);
    const by = new Map(rows.map((x) => [x[0], Object.fromEntries(header!.map((h, i) => [h, x[i]]))]));
    expect(by.get("BC-QT0001")).toMatchObject({ "Mã tỉnh": "11", "Mã xã": "03295", "Địa danh cũ (trước 1/7/2025)": "" });
    expect(by.get("BC-QT0001")!["Ghi chú"]).toBe(`'=HYPERLINK("http://evil.example","bấm")`);
    expect(by.get("BC-QT0003")!["Ghi chú"]).toBe("'@SUM(1)");
    expect(by.get("BC-CS0001")!["Ghi chú"]).toBe("'-2+3");
    expect(by.get("BC-QT0002")!["Thôn/bản"]).toBe(`'+cmd, "Bản" <b>Xôm</b>`);
    expect(by.get("BC-QT0002")!["Ghi chú"]).toBe('dòng 1\r\ndòng 2, có "ngoặc"');
    expect(by.get("BC-QT0001")!["Chủ đề"]).toBe("Tảo hôn; Bạo lực gia đình");
    expect(by.get("BC-QT0001")!["Tổng số người"]).toBe("40");

    await c.get(`/staff/reports/export.xlsx?${Q1}&kind=aggregate&topic=tao-hon`);
    const audits = await db.auditLog.findMany({ where: { staffId: c.staffId, action: "export" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => JSON.parse(a.detail!))).toEqual([
      { kind: "raw", format: "csv", from: "2026-01-01", to: "2026-03-31", area: "*", topic: "*", team: "*", rows: 4, sessions: 4 },
      { kind: "aggregate", format: "xlsx", from: "2026-01-01", to: "2026-03-31", area: "*", topic: "tao-hon", team: "*", rows: 4, sessions: 3 },
    ]);
    expect(audits.map((a) => a.detail).join()).not.toMatch(/HYPERLINK|Bản|dòng/);
  });

  it("signed-out requests get no export", async () => {
    const anon = new StaffClient(server.url);
    const r = await anon.request("GET", `/staff/reports/export.csv?${Q1}`, undefined, { accept: "text/csv" });
    expect(r.status).toBe(401);
  });
});
