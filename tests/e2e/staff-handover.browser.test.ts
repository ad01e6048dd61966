// The handover inbox in Debian's Chromium on a phone-sized screen: sign in, see the danger
// flag first, claim it, read the last messages, reply (the fake Zalo receives it), hand it
// back; a new danger flag appears on the open page without a reload.
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { eventually } from "../support/server.js";
import { makeStaff, PASSWORD } from "../support/staff.js";

const WAIT = { timeout: 15_000 };
const SHOTS = new URL("../../.tmp/", import.meta.url);
const vi = JSON.parse(readFileSync(new URL("../../locales/vi/staff-handover.json", import.meta.url), "utf8"));
if (!hasChromium) console.warn("staff handover browser test skipped: /usr/bin/chromium is missing");

describe.skipIf(!hasChromium)("staff handover inbox in Chromium (390×844)", () => {
  let h: ChatHarness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const db = () => h.server.database.db;
  const flagOf = async (userId: string) => {
    const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId } } });
    return db().handover.findFirstOrThrow({ where: { conversationId: conv.id }, orderBy: { id: "desc" } });
  };

  beforeAll(async () => {
    h = await startChatHarness();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    page.on("pageerror", (e) => errors.push(e.message));
    // The site has no favicon (not this section's business); every other console error counts.
    page.on("console", (m) => void (m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && errors.push(`${m.text()} ${m.location().url}`)));
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("signs in, claims the danger flag, reads, replies and hands it back", async () => {
    await h.chat("zalo", "8309393969855490001").tap("MENU_HUMAN");
    const villager = h.chat("zalo", "8309393969855490002");
    await villager.say("cứu em với");
    const flag = await flagOf(villager.userId);
    const { email } = await makeStaff(db(), { role: "centre_admin", name: "Chị Lan" });

    await page.goto(`${h.server.url}/staff/login?next=/staff/handover`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('form.card button').click();
    await page.locator("h1", { hasText: vi.title }).waitFor(WAIT);
    const first = page.locator("#handovers > li").first();
    expect(await first.getAttribute("data-id")).toBe(String(flag.id));
    expect(await first.textContent()).toContain(vi.reason.danger);
    expect(await page.locator("#handovers > li").count()).toBe(2);

    await first.locator("a").click();
    await page.locator("button", { hasText: vi.claim.button }).click();
    await page.locator("#reply-text").waitFor(WAIT);
    expect(await page.locator(".transcript .msg-user").first().textContent()).toContain("cứu em với");

    const words = "Chị là cán bộ Hội, chị đang đọc tin của em.";
    await page.locator("#reply-text").fill(words);
    await page.locator("button", { hasText: vi.reply.button }).click();
    await page.locator("p.ok", { hasText: vi.reply.sent }).waitFor(WAIT);
    await eventually(async () => h.zalo.sentTexts(villager.userId).includes(words));
    await page.reload();
    await page.locator(".transcript .msg-staff", { hasText: words }).waitFor(WAIT);
    await page.screenshot({ path: new URL("staff-handover-conversation-390x844.png", SHOTS).pathname, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.locator("button", { hasText: vi.release.button }).click();
    await page.locator("p.ok", { hasText: vi.release.done }).waitFor(WAIT);
    expect(await page.locator(`#handovers > li[data-id="${flag.id}"]`).count()).toBe(0);
    expect((await db().handover.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe("closed");
  });

  it("a new danger flag appears on the open page without a reload", async () => {
    await page.goto(`${h.server.url}/staff/handover`);
    await page.locator('#live[data-state="open"]').waitFor({ ...WAIT, state: "attached" });
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const villager = h.chat("zalo", "8309393969855490003");
    await villager.say("chồng đánh em");
    const flag = await flagOf(villager.userId);
    await page.locator(`#handovers > li.new[data-id="${flag.id}"]`).waitFor(WAIT);
    await page.locator("#live", { hasText: vi.live.banner.replace("{{severity}}", "2") }).waitFor(WAIT);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.locator("#handovers > li").first().getAttribute("data-id")).toBe(String(flag.id));
    await page.screenshot({ path: new URL("staff-handover-inbox-390x844.png", SHOTS).pathname, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
