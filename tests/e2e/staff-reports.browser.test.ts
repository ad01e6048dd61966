// The reports section in a real browser (Debian Chromium via playwright-core): sign in, read
// the dashboard and its SVG charts, filter, open a report, download both exports and read
// them back. Screenshots at laptop and phone sizes go to .tmp/ for a person to look at.
import { mkdirSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, PASSWORD } from "../support/staff.js";
import { defaultAreas } from "../../src/areas/index.js";

const provinceOf = (communeCode: string) => defaultAreas().communesByCode.get(communeCode)!.provinceCode;

const WAIT = { timeout: 15_000 };
const SHOTS = new URL("../../.tmp/", import.meta.url);
const vi = JSON.parse(readFileSync(new URL("../../locales/vi/staff-reports.json", import.meta.url), "utf8"));
if (!hasChromium) console.warn("staff reports browser test skipped: /usr/bin/chromium is missing (apt-get install -y chromium)");

let server: TestServer;
let browser: Browser;
let db: Db;
let email = "";

async function seed(): Promise<void> {
  const base = { village: "Bản Hin", format: "truc-tiep", languages: '["vi","thai"]', reporterChannel: "zalo", reporterUserId: "u1", childrenUnder16: 3, referred: 1 };
  const teams = [
    { name: "Tổ Bản Hin", communeCode: "03295" },
    { name: "Tổ Bản Xôm", communeCode: "03295" },
    { name: "Tổ Chiềng Sinh", communeCode: "03283" },
    { name: "Tổ Nậm Xe", communeCode: "03549" },
  ];
  let n = 0;
  for (const [i, t] of teams.entries()) {
    const team = await db.team.create({ data: { ...t, provinceCode: provinceOf(t.communeCode) } });
    for (const day of ["2026-01-12", "2026-02-20", "2026-03-08"].slice(0, 3 - (i % 2))) {
      const women = 20 + i * 3;
      await db.sessionReport.create({
        data: { ...base, reference: `BC-E2E${++n}`, teamId: team.id, provinceCode: team.provinceCode, communeCode: team.communeCode, sessionDate: day, topics: JSON.stringify(i % 2 ? ["tao-hon"] : ["tao-hon", "bao-luc-gia-dinh", "sinh-de-an-toan"]), total: women + 12, women, men: 12, ethnicMinority: women, notes: i === 0 ? "=cmd|' /C calc'!A0" : "Dân bản tham gia đông." },
      });
    }
  }
  // The newest Điện Biên report (first in the list) has photos and one correction, so the detail page shows both.
  const last = await db.sessionReport.update({ where: { reference: "BC-E2E8" }, data: { photos: JSON.stringify(["https://cdn.example/anh-1.jpg", "https://cdn.example/anh-2.jpg"]), materials: 30 } });
  await db.reportRevision.create({ data: { reportId: last.id, previous: JSON.stringify({ ...last, total: 30, women: 18, materials: null }), changedBy: "zalo:u1" } });
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/staff/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/staff$/, WAIT), page.locator('button[type="submit"]').click()]);
}

async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download", WAIT), page.getByRole("link", { name, exact: true }).first().click()]);
  const path = await file.path();
  return readFileSync(path);
}

describe.skipIf(!hasChromium)("staff reports in Chromium", () => {
  beforeAll(async () => {
    server = await startTestServer();
    db = server.database.db;
    await seed();
    email = (await makeStaff(db, { role: "province_staff", areaCode: "11", name: "Lò Thị Mai" })).email;
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("laptop: dashboard with charts, filter, open a report, download and read both exports", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN", acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page);
    expect(await page.locator("h1").textContent()).toBe(vi.dashboard.title);
    expect(await page.locator("svg.chart").count()).toBe(3);

    // Filter to Q1 2026 and one commune with the form, as a person would.
    await page.locator('input[name="from"]').fill("2026-01-01");
    await page.locator('input[name="to"]').fill("2026-03-31");
    await page.locator('select[name="area"]').selectOption("03295");
    await Promise.all([page.waitForURL(/area=03295/, WAIT), page.getByRole("button", { name: vi.filter.submit }).click()]);
    expect(await page.locator('[data-stat="sessions"]').getAttribute("data-value")).toBe("5");
    // The topic chart draws the three topics that happened; its table lists all of them.
    expect(await page.locator("#chart-topics rect").count()).toBe(3);
    expect(await page.locator('[data-key^="topic:"]').count()).toBe(14);
    await page.screenshot({ path: new URL("staff-reports-dashboard-1280x800.png", SHOTS).pathname, fullPage: true });

    // Whole province for the list; open the first report.
    await page.locator('select[name="area"]').selectOption("");
    await page.getByRole("button", { name: vi.filter.submit }).click();
    await page.getByRole("link", { name: vi.dashboard.toList }).click();
    await page.locator("table.reports").waitFor(WAIT);
    expect(await page.locator("table.reports tbody tr").count()).toBe(8);
    await page.screenshot({ path: new URL("staff-reports-list-1280x800.png", SHOTS).pathname, fullPage: true });
    await page.locator("table.reports tbody a").first().click();
    await page.locator("dl.fields").waitFor(WAIT);
    expect(await page.locator("h1").textContent()).toMatch(/^Báo cáo BC-E2E\d$/);
    await page.goBack();

    const csv = await download(page, vi.export.rawCsv);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = parse(csv.toString("utf8"), { bom: true }) as string[][];
    expect(head![0]).toBe("Mã báo cáo");
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r[2] === "Điện Biên")).toBe(true);
    expect(rows.map((r) => r[head!.indexOf("Ghi chú")])).toContain("'=cmd|' /C calc'!A0");

    const xlsx = await download(page, vi.export.aggregateXlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Tổng hợp")!;
    const values: unknown[][] = [];
    ws.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    const total = values.find((r) => r[0] === "Tổng cộng")!;
    expect(total.slice(4, 7)).toEqual([3, 3, 8]); // after Tỉnh, Mã tỉnh, Xã, Mã xã
    expect(String(values[2]?.[0])).toMatch(/Biểu số 2\.8/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("phone: the dashboard, list and a report read at 390×844", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN", deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/staff?from=2026-01-01&to=2026-03-31`);
    expect(await page.locator("svg.chart").first().isVisible()).toBe(true);
    // Nothing but tables may scroll sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: new URL("staff-reports-dashboard-390x844.png", SHOTS).pathname, fullPage: true });
    await page.goto(`${server.url}/staff/reports?from=2026-01-01&to=2026-03-31`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: new URL("staff-reports-list-390x844.png", SHOTS).pathname, fullPage: true });
    await page.locator("table.reports tbody a").first().click();
    await page.locator("dl.fields").waitFor(WAIT);
    expect(await page.locator("ul.photos a").count()).toBe(2);
    expect(await page.locator("ul.changes li").count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: new URL("staff-reports-detail-390x844.png", SHOTS).pathname, fullPage: true });
    await context.close();
  });
});
