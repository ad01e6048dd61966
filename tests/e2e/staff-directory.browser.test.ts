// The directory and teams pages in a real browser on a phone-sized screen (390×844):
// a commune staff member signs in, adds an address (first with a bad field), imports a CSV
// with errors and confirms the valid rows, and creates a team to read out its invite code.
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLUMNS } from "../../src/addresses/trusted-addresses.js";
import { hasChromium, launchBrowser, CHROMIUM } from "../support/browser.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, PASSWORD } from "../support/staff.js";

const WAIT = { timeout: 15_000 };
const SHOTS = new URL("../../.tmp/", import.meta.url);
const shot = (name: string) => new URL(name, SHOTS).pathname;
const vi = JSON.parse(readFileSync(new URL("../../locales/vi/staff-directory.json", import.meta.url), "utf8"));
if (!hasChromium) console.warn(`staff directory browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const QUAI_TO = "03295";
const row = (id: string, over: Record<string, string> = {}) =>
  COLUMNS.map((c) => ({ id, province_code: "11", commune_code: QUAI_TO, village: "", name_vi: `Điểm ${id}`, name_en: `Point ${id}`, kind: "hoi-lhpn-xa", phone: "0000 333 444", lat: "21.6", lng: "103.3", hours_vi: "", hours_en: "", verified_by: "", effective_from: "", sample: "1", ...over })[c]).join(",");

describe.skipIf(!hasChromium)("staff directory and teams in Chromium (390×844)", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const fitsPhone = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    page.on("pageerror", (e) => errors.push(e.message));
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in as commune staff and lands on the directory", async () => {
    const { email } = await makeStaff(server.database.db, { role: "commune_staff", areaCode: QUAI_TO, name: "Lò Thị Mai" });
    await page.goto(`${server.url}/staff/directory`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator("h1", { hasText: vi.title }).waitFor(WAIT);
    expect(await page.locator("table.directory tbody tr").count()).toBe(2); // the two sample rows of Quài Tở
    await fitsPhone();
  });

  it("adds an address: a bad latitude is shown next to its field, then fixed", async () => {
    await page.locator("a", { hasText: vi.add }).click();
    await page.locator("h1", { hasText: vi.form.newTitle }).waitFor(WAIT);
    await page.locator('input[name="name_vi"]').fill("Điểm hỗ trợ Bản Có");
    await page.locator('input[name="name_en"]').fill("Bản Có support point");
    await page.locator('input[name="lat"]').fill("21,65");
    await page.locator('input[name="lng"]').fill("103.34");
    await page.locator('input[name="verified_by"]').fill("Lò Thị Kiểm");
    await page.locator('input[name="effective_from"]').fill("2025-07-01");
    await page.locator("form.card button", { hasText: vi.form.save }).click();
    const error = page.locator("#err-lat");
    await error.waitFor(WAIT);
    expect(await error.textContent()).toBe(vi.problem.decimal);
    expect(await page.locator('input[name="lat"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator('input[name="name_vi"]').inputValue()).toBe("Điểm hỗ trợ Bản Có"); // nothing typed is lost
    await page.screenshot({ path: shot("staff-directory-error-390x844.png"), fullPage: true });
    await fitsPhone();

    await page.locator('input[name="lat"]').fill("21.65");
    await page.locator("form.card button", { hasText: vi.form.save }).click();
    await page.locator("p.ok", { hasText: vi.saved }).waitFor(WAIT);
    expect(await page.locator("table.directory", { hasText: "Điểm hỗ trợ Bản Có" }).count()).toBe(1);
    await page.screenshot({ path: shot("staff-directory-list-390x844.png"), fullPage: true });
    await fitsPhone();
  });

  it("imports a CSV picked from disk: sees each problem by line and field, confirms the valid rows", async () => {
    await page.locator("a", { hasText: vi.import.link }).click();
    await page.locator("h1", { hasText: vi.import.title }).waitFor(WAIT);
    const csv = [COLUMNS.join(","), row("csv-mot"), row("csv-sai", { lng: "2.35" }), row("csv-hai"), row("csv-khac", { commune_code: "03253" })].join("\n");
    await page.locator("#csv-file").setInputFiles({ name: "dia-chi.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.waitForFunction(() => (document.getElementById("csv") as HTMLTextAreaElement).value.startsWith("id,"), undefined, WAIT);
    await page.locator("button", { hasText: vi.import.check }).click();
    await page.locator("h1", { hasText: vi.import.previewTitle }).waitFor(WAIT);
    const problems = await page.locator("table.problems tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(problems).toEqual([
      ["3", "lng", "nằm ngoài Việt Nam (102…117.5)"],
      ["5", "commune_code", vi.problem.outsideArea],
    ]);
    await page.screenshot({ path: shot("staff-directory-import-390x844.png"), fullPage: true });
    await fitsPhone();

    await page.locator("button", { hasText: "Ghi 2 dòng hợp lệ" }).click();
    await page.locator("p.ok", { hasText: "Đã thêm 2 và cập nhật 0 địa chỉ." }).waitFor(WAIT);
    const ids = (await server.database.db.trustedAddress.findMany({ where: { id: { startsWith: "csv-" } }, orderBy: { id: "asc" } })).map((r) => r.id);
    expect(ids).toEqual(["csv-hai", "csv-mot"]);
  });

  it("creates a team and sees its invite code", async () => {
    await page.goto(`${server.url}/staff/teams`);
    await page.locator("a", { hasText: vi.teams.add }).click();
    await page.locator('input[name="name"]').fill("Tổ truyền thông bản Có");
    await page.locator('input[name="villages"]').fill("Bản Có, Bản Lán");
    await page.locator("button", { hasText: vi.teams.create }).click();
    const code = page.locator("#invite-code");
    await code.waitFor(WAIT);
    const shown = (await code.textContent()) ?? "";
    expect(shown).toMatch(/^\d{4,6}$/);
    expect((await server.database.db.team.findFirstOrThrow({ where: { name: "Tổ truyền thông bản Có" } })).inviteCode).toBe(shown);
    await page.screenshot({ path: shot("staff-teams-created-390x844.png"), fullPage: true });
    await fitsPhone();

    await page.locator("a.button", { hasText: vi.teams.title }).click();
    await page.locator("b.invite", { hasText: shown }).waitFor(WAIT);
    await page.screenshot({ path: shot("staff-teams-list-390x844.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
