// Report deadlines in the console: province staff set their province's, a bad form names each
// field and keeps what was typed, the dashboard counts down ("còn N ngày") for everyone of the
// province, commune staff only read, another province's officer can neither add nor remove.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vnDate } from "../../src/flows/report/quarter.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let server: TestServer;
const today = vnDate(new Date());
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

async function client(role: "centre_admin" | "province_staff" | "commune_staff", areaCode?: string): Promise<StaffClient> {
  const s = await makeStaff(server.database.db, { role, areaCode });
  const c = new StaffClient(server.url);
  await c.login(s.email);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("report deadlines", () => {
  it("a bad form names each field and keeps what was typed", async () => {
    const c = await client("province_staff", "14");
    const r = await c.post("/staff/reports/deadlines", { province_code: "14", title: "", due_date: "2020-01-01", data_until: "2031-02-30", recipient: "Trung ương Hội", remind_days: "99" });
    expect(r.status).toBe(400);
    expect(r.text).toContain("Hãy nhập Tên báo cáo");
    expect(r.text).toContain("Hạn gửi đã qua");
    expect(r.text).toContain("Số liệu tính đến ngày: hãy chọn một ngày có thật");
    expect(r.text).toContain("Nhắc trước (ngày): từ 1 đến 60 ngày");
    expect(r.text).toContain('value="Trung ương Hội"');
    expect(await server.database.db.reportDeadline.count()).toBe(0);
  });

  it("province staff add one; the province's dashboards count down to it", async () => {
    const p = await client("province_staff", "14");
    const due = inDays(37);
    const r = await p.post("/staff/reports/deadlines", { province_code: "14", title: "Báo cáo năm Dự án 8", due_date: due, data_until: inDays(20), recipient: "Trung ương Hội LHPN Việt Nam", remind_days: "7" });
    expect(r.status).toBe(303);
    const row = await server.database.db.reportDeadline.findFirstOrThrow();
    expect(row).toMatchObject({ provinceCode: "14", dueDate: due, remindDays: 7, reminderStage: 0 });
    expect(await server.database.db.auditLog.count({ where: { action: "deadline.create" } })).toBe(1);

    const home = (await p.get("/staff")).text;
    expect(home).toContain(`data-days-left="37"`);
    expect(home).toContain(`Báo cáo năm Dự án 8 gửi Trung ương Hội LHPN Việt Nam, trước hết ngày ${dmy(due)}: còn 37 ngày`);
    // A commune officer of the province sees it too, read only.
    const communeCode = (await import("../../src/areas/index.js")).defaultAreas().provincesByCode.get("14")!.communes[0]!.code;
    const commune = await client("commune_staff", communeCode);
    expect((await commune.get("/staff")).text).toContain("còn 37 ngày");
    const page = (await commune.get("/staff/reports/deadlines")).text;
    expect(page).toContain("Báo cáo năm Dự án 8");
    expect(page).not.toContain('action="/staff/reports/deadlines"');
    expect((await commune.post("/staff/reports/deadlines", { province_code: "14", title: "x", due_date: inDays(3) })).status).toBe(400);

    // The centre sees it with the province's name; another province's officer does not see it.
    expect((await (await client("centre_admin")).get("/staff")).text).toContain("Sơn La: Hạn báo cáo");
    const other = await client("province_staff", "12");
    expect((await other.get("/staff")).text).not.toContain("Báo cáo năm Dự án 8");
    expect((await other.post("/staff/reports/deadlines", { province_code: "14", title: "x", due_date: inDays(3) })).text).toContain("Tỉnh: hãy chọn tỉnh của bạn");
    expect((await other.post(`/staff/reports/deadlines/${row.id}/delete`)).status).toBe(404);

    expect((await p.post(`/staff/reports/deadlines/${row.id}/delete`)).status).toBe(303);
    expect(await server.database.db.reportDeadline.count()).toBe(0);
    expect(await server.database.db.auditLog.count({ where: { action: "deadline.delete" } })).toBe(1);
    expect((await p.get("/staff")).text).toContain("Chưa đặt hạn báo cáo");
  });
});
