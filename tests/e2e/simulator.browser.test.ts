// The simulator page in a real browser on a phone-sized screen: say hello, see the menu,
// tap a button, see the next reply. Debian's Chromium driven by playwright-core.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountSimulator } from "../../src/simulator/index.js";
import { startTestServer, type TestServer } from "../support/server.js";

const CHROMIUM = "/usr/bin/chromium";
/** Long enough for a slow CI machine, short enough to fail before the test timeout. */
const WAIT = { timeout: 15_000 };
const SHOTS = new URL("../../.tmp/", import.meta.url);
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`simulator browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const locale = (lang: string, ns: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), "utf8"));
const viBot = locale("vi", "bot");
const viSim = locale("vi", "simulator");
const enSim = locale("en", "simulator");

describe.skipIf(!hasChromium)("simulator page in Chromium (360×740)", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ SIMULATOR: "1" }, { mount: mountSimulator });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a Zalo user says hello, sees the menu, taps a button and sees the next reply", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/simulator`);
    expect(await page.locator("h1").textContent()).toBe(viSim.heading);

    await page.locator("#text").fill("xin chào");
    await page.locator("#send").click();
    const menu = page.locator(".msg.bot", { hasText: viBot.greeting }).first();
    await menu.waitFor(WAIT);
    expect(await page.locator(".msg.user .bubble").first().textContent()).toBe("xin chào");

    await menu.locator(".chip", { hasText: viBot.menu.language }).click();
    await page.locator(".msg.bot .bubble", { hasText: viBot.language.prompt }).waitFor(WAIT);
    expect(await page.locator(".msg.user .bubble").nth(1).textContent()).toBe(viBot.menu.language);
    await page.screenshot({ path: new URL("simulator-zalo-360x740.png", SHOTS).pathname });

    // A sticker from the "more" panel also goes through and gets an answer.
    await page.locator("details.more summary").click();
    await page.locator("#sticker").click();
    const sticker = page.locator(".msg.user", { hasText: viSim.stickerShown });
    await sticker.locator("xpath=following-sibling::div[contains(@class, 'bot')]").first().waitFor(WAIT);

    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
  });

  it("switches to a Messenger user with a fresh conversation", async () => {
    await page.locator('input[name="channel"][value="messenger"]').check();
    expect(await page.locator(".msg").count()).toBe(0);
    await page.locator("#text").fill("xin chào");
    await page.locator("#text").press("Enter");
    const menu = page.locator(".msg.bot", { hasText: viBot.greeting }).first();
    await menu.waitFor(WAIT);
    await menu.locator(".chip", { hasText: viBot.menu.language }).click();
    await page.locator(".msg.bot .bubble", { hasText: viBot.language.prompt }).waitFor(WAIT);
    await page.screenshot({ path: new URL("simulator-messenger-360x740.png", SHOTS).pathname });
  });

  it("switches the page to English", async () => {
    await page.locator("a.lang").click();
    await page.locator("h1", { hasText: enSim.heading }).waitFor(WAIT);
    expect(await page.locator("#send").textContent()).toBe(enSim.send);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
  });
});
