// The campaign calendar in the console: the countdown on the home page, each year's theme
// typed by a centre admin (never invented), a bad form answered with the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let server: TestServer;
let admin: StaffClient;
let province: StaffClient;
const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  admin = new StaffClient(server.url);
  await admin.login((await makeStaff(db, { role: "centre_admin" })).email);
  province = new StaffClient(server.url);
  await province.login((await makeStaff(db, { role: "province_staff", areaCode: "12" })).email);
});
afterAll(async () => {
  await server?.close();
});

describe("campaign calendar in the console", () => {
  it("the home page counts down to the next campaign month", async () => {
    const home = await admin.get("/staff");
    expect(home.text).toMatch(/class="countdown" data-days="\d+"/);
    expect(home.text).toMatch(/Tháng hành động|Đang diễn ra/);
  });

  it("lists this year's dates with their sources; no theme until staff type one", async () => {
    const page = await province.get("/staff/campaigns");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Tháng hành động vì bình đẳng giới");
    expect(page.text).toContain("Quyết định 363/QĐ-TTg");
    expect(page.text).toContain("chưa nhập chủ đề");
    expect(page.text).not.toContain('name="theme_vi"'); // only the centre types themes
  });

  it("a centre admin saves a theme; an empty one is refused with the field named; province staff cannot", async () => {
    await admin.get("/staff/campaigns");
    const bad = await admin.post("/staff/campaigns/theme", { entry_id: "thang-binh-dang-gioi", year: String(year), theme_vi: "", theme_en: "" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="err-theme_vi-thang-binh-dang-gioi">bắt buộc/);
    const unknown = await admin.post("/staff/campaigns/theme", { entry_id: "khong-co", year: String(year), theme_vi: "X" });
    expect(unknown.status).toBe(400);
    const ok = await admin.post("/staff/campaigns/theme", { entry_id: "thang-binh-dang-gioi", year: String(year), theme_vi: "Chủ đề thử nghiệm", theme_en: "" });
    expect(ok.status).toBe(303);
    expect((await province.get("/staff/campaigns")).text).toContain("Chủ đề thử nghiệm");
    await province.get("/staff/campaigns");
    expect((await province.post("/staff/campaigns/theme", { entry_id: "thang-binh-dang-gioi", year: String(year), theme_vi: "Y" })).status).toBe(404);
    const audit = await server.database.db.auditLog.findMany({ where: { action: "campaign.theme" } });
    expect(audit).toHaveLength(1);
  });
});
