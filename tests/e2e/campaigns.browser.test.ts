// A campaign month in a real browser (Debian Chromium via playwright-core): create a campaign
// from the calendar, see the preview, approve it as a second officer, watch the live progress
// reach 100 %, download the report and the poster PDF and read them back.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { makeStaff, PASSWORD } from "../support/staff.js";

const WAIT = { timeout: 20_000 };
const H = 3_600_000;
if (!hasChromium) console.warn("campaigns browser test skipped: /usr/bin/chromium is missing (apt-get install -y chromium)");

let h: ChatHarness;
let browser: Browser;
const emails: string[] = [];

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${h.server.url}/staff/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/staff$/, WAIT), page.locator('button[type="submit"]').click()]);
}

async function download(page: Page, selector: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download", WAIT), page.locator(selector).first().click()]);
  return readFileSync(await file.path());
}

describe.skipIf(!hasChromium)("campaign months in Chromium", () => {
  beforeAll(async () => {
    h = await startChatHarness({ CAMPAIGN_APPROVAL_ABOVE: "2", CAMPAIGN_RATES: "zalo=5" });
    const db = h.server.database.db;
    for (let i = 0; i < 3; i++) await db.conversation.create({ data: { channel: "zalo", userId: `8309391000${i}`, provinceCode: "12", communeCode: "03583", lastInboundAt: new Date(Date.now() - H) } });
    for (const name of ["Lò Thị Mai", "Vàng Thị Dua"]) emails.push((await makeStaff(db, { role: "province_staff", areaCode: "12", name })).email);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("from the calendar to the last message, with a second officer's approval", async () => {
    const creator = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(creator, emails[0]!);
    await expect.poll(() => creator.locator(".countdown").count()).toBe(1);
    await creator.goto(`${h.server.url}/staff/campaigns`);
    await Promise.all([creator.waitForURL(/campaigns\/new\?entry=thang-binh-dang-gioi/, WAIT), creator.locator('a[href="/staff/campaigns/new?entry=thang-binh-dang-gioi"]').first().click()]);
    expect(await creator.locator('input[name="name"]').inputValue()).toContain("Tháng hành động vì bình đẳng giới");
    await creator.locator('textarea[name="message_vi"]').fill("Cùng chung tay vì bình đẳng giới, không bạo lực.");
    await creator.locator('select[name="commune_code"]').selectOption("03583");
    await creator.locator('input[name="start_at"]').fill(new Date(Date.now() + 7 * H).toISOString().slice(0, 16));
    await creator.locator('input[name="quiet_from"]').fill("0");
    await creator.locator('input[name="quiet_to"]').fill("0");
    await Promise.all([creator.waitForURL(/\/staff\/campaigns\/\d+$/, WAIT), creator.locator('button[type="submit"]', { hasText: "Tạo và xem ai nhận được" }).click()]);
    expect(await creator.locator('[data-platform="zalo"]').textContent()).toContain("3 gửi được ngay (miễn phí)");
    const url = creator.url();
    await Promise.all([creator.waitForURL(/done=submit/, WAIT), creator.getByRole("button", { name: "Gửi đi (theo lịch)" }).click()]);
    expect(await creator.locator("[data-status]").first().getAttribute("data-status")).toBe("needs_approval");

    const approver = await (await browser.newContext()).newPage();
    await signIn(approver, emails[1]!);
    await approver.goto(url);
    await Promise.all([approver.waitForURL(/done=approve/, WAIT), approver.getByRole("button", { name: "Duyệt và cho gửi" }).click()]);

    // The live line (server-sent events) reaches nothing remaining, the bar 100 %.
    await creator.goto(url);
    const bar = creator.locator("progress");
    await expect.poll(() => bar.evaluate((el: HTMLProgressElement) => [el.value, el.max]), WAIT).toEqual([3, 3]);
    await creator.locator('[data-live][data-remaining="0"]').waitFor(WAIT);
    await creator.reload();
    expect(await creator.locator('[data-report="zalo|sent|"]').getAttribute("data-value")).toBe("3");
    const csv = (await download(creator, `a[href$="/report.csv"]`)).toString("utf8");
    expect(csv).toContain("Đã gửi,,3");

    await Promise.all([creator.waitForURL(url, WAIT), creator.getByRole("button", { name: "Tạo mã cho từng xã" }).click()]);
    const code = (await creator.locator("[data-code]").first().getAttribute("data-code"))!;
    const pdf = await download(creator, `a[href$="/poster/${code}.pdf"]`);
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ").replace(/\s+/g, " "); // lines wrap anywhere
    expect(text).toContain(`THAM GIA ${code}`);
    expect(text).toContain("bình đẳng giới");
    for (let i = 0; i < 3; i++) expect(h.zalo.sentTexts(`8309391000${i}`)).toEqual(["Cùng chung tay vì bình đẳng giới, không bạo lực.\n\nNhắn DỪNG để không nhận tin nữa."]);
  });
});
