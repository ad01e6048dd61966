// The simulator end to end: the page's API signs real platform webhooks, the server's real
// verify → inbox → bot → outbox path runs, and the built-in fake platforms record the replies.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogLevel, setLogSink } from "../../src/log.js";
import { messengerSettings } from "../../src/channels/messenger/config.js";
import { zaloSettings } from "../../src/channels/zalo/config.js";
import { mountSimulator } from "../../src/simulator/index.js";
import type { TranscriptEntry } from "../../src/simulator/transcript.js";
import { eventually, startTestServer, type TestServer } from "../support/server.js";

const locale = (lang: string, ns: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), "utf8"));
const viBot = locale("vi", "bot");
const viSim = locale("vi", "simulator");
const enSim = locale("en", "simulator");

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function conversation(base: string, channel: string, userId: string): Promise<TranscriptEntry[]> {
  const res = await fetch(`${base}/simulator/api/messages?channel=${channel}&userId=${userId}&after=0`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: TranscriptEntry[] }).messages;
}

/**
 * Waits for the first bot reply after the user's message `afterSeq` that satisfies `match`.
 * The bot may send more than one message per turn (e.g. a privacy notice after the menu).
 */
async function botReply(base: string, channel: string, userId: string, afterSeq: number, match: (m: TranscriptEntry) => boolean = () => true): Promise<TranscriptEntry> {
  return eventually(async () => (await conversation(base, channel, userId)).find((m) => m.from === "bot" && m.seq > afterSeq && match(m)));
}

const hasChip = (payload: string) => (m: TranscriptEntry) => Boolean(m.chips?.some((c) => c.kind === "reply" && c.payload === payload));
const says = (text: string) => (m: TranscriptEntry) => Boolean(m.text?.includes(text));

describe("simulator (SIMULATOR=1)", () => {
  let server: TestServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    setLogSink((line) => logLines.push(line));
    setLogLevel("debug");
    server = await startTestServer({ SIMULATOR: "1" }, { mount: mountSimulator });
  });
  afterAll(async () => {
    await server?.close();
    setLogLevel("silent");
    setLogSink((line) => process.stdout.write(line + "\n"));
  });

  it("serves the chat page in Vietnamese, and in English on request", async () => {
    const vi = await fetch(`${server.url}/simulator`);
    expect(vi.status).toBe(200);
    expect(vi.headers.get("content-type")).toMatch(/text\/html/);
    const html = await vi.text();
    expect(html).toContain(viSim.heading);
    expect(html).toContain(viSim.channelZalo);
    expect(html).toContain('lang="vi"');
    const en = await (await fetch(`${server.url}/simulator?lang=en`)).text();
    expect(en).toContain(enSim.heading);
    expect(en).toContain(enSim.channelMessenger);
    for (const asset of ["chat.js", "chat.css"]) {
      expect((await fetch(`${server.url}/simulator/assets/${asset}`)).status).toBe(200);
    }
  });

  it("a Zalo user says hello, gets the menu as buttons, and taps one", async () => {
    const userId = "8309393969855402319";
    const sent = await post(server.url, "/simulator/api/send", { channel: "zalo", userId, text: "xin chào" });
    expect(sent).toMatchObject({ status: 200, json: { ok: true, webhookStatus: 200 } });

    const menu = await botReply(server.url, "zalo", userId, Number(sent.json.seq), hasChip("MENU_LANGUAGE"));
    expect(menu.text).toContain(viBot.greeting);
    const language = menu.chips?.find((c) => c.kind === "reply" && c.payload === "MENU_LANGUAGE");
    expect(language).toMatchObject({ title: viBot.menu.language, via: "text" });

    const tap = await post(server.url, "/simulator/api/send", { channel: "zalo", userId, ...tapOf(language!) });
    const prompt = await botReply(server.url, "zalo", userId, Number(tap.json.seq), says(viBot.language.prompt));
    expect(prompt.chips?.map((c) => c.kind === "reply" && c.payload)).toEqual(expect.arrayContaining(["LANG_vi", "LANG_en"]));

    const all = await conversation(server.url, "zalo", userId);
    // The person sees the button's title as their message, not the machine payload.
    expect(all.find((m) => m.seq === tap.json.seq)).toMatchObject({ from: "user", text: viBot.menu.language });
    expect(all[0]).toMatchObject({ from: "user", text: "xin chào" });
  });

  it("a Messenger user says hello, gets quick replies, and taps one", async () => {
    const userId = "1254477777772919";
    const sent = await post(server.url, "/simulator/api/send", { channel: "messenger", userId, text: "xin chào" });
    expect(sent.json).toMatchObject({ ok: true });

    const menu = await botReply(server.url, "messenger", userId, Number(sent.json.seq), hasChip("MENU_LANGUAGE"));
    expect(menu.text).toContain(viBot.greeting);
    const language = menu.chips?.find((c) => c.kind === "reply" && c.payload === "MENU_LANGUAGE");
    expect(language).toMatchObject({ title: viBot.menu.language, via: "quick_reply" });

    const tap = await post(server.url, "/simulator/api/send", { channel: "messenger", userId, ...tapOf(language!) });
    await botReply(server.url, "messenger", userId, Number(tap.json.seq), says(viBot.language.prompt));
    // Conversations are per channel: the Zalo user with the same id saw none of this.
    expect(await conversation(server.url, "zalo", userId)).toEqual([]);
  });

  it("sends a location and a sticker through the real webhook path", async () => {
    for (const channel of ["zalo", "messenger"]) {
      const userId = `${channel}-things`;
      const loc = await post(server.url, "/simulator/api/send", { channel, userId, location: { lat: 22.8233, lng: 104.9836 } });
      expect(loc.json).toMatchObject({ ok: true });
      await botReply(server.url, channel, userId, Number(loc.json.seq));
      const sticker = await post(server.url, "/simulator/api/send", { channel, userId, sticker: true });
      expect(sticker.json).toMatchObject({ ok: true });
      await botReply(server.url, channel, userId, Number(sticker.json.seq));
      const all = await conversation(server.url, channel, userId);
      expect(all.find((m) => m.seq === loc.json.seq)?.location).toEqual({ lat: 22.8233, lng: 104.9836 });
      expect(all.find((m) => m.seq === sticker.json.seq)?.sticker).toBe(true);
    }
  });

  it("refuses malformed sends and queries", async () => {
    const bad = [
      { channel: "zalo", userId: "1", text: "a", sticker: true },
      { channel: "zalo", userId: "1" },
      { channel: "sms", userId: "1", text: "a" },
      { channel: "zalo", userId: "has space", text: "a" },
      { channel: "zalo", userId: "1", location: { lat: 91, lng: 0 } },
    ];
    for (const body of bad) expect((await post(server.url, "/simulator/api/send", body)).status).toBe(400);
    expect((await fetch(`${server.url}/simulator/api/messages?channel=zalo`)).status).toBe(400);
  });

  it("fake Zalo checks the access token and rotates tokens once per refresh token", async () => {
    const base = `${server.url}/simulator/fake`;
    const body = { recipient: { user_id: "1" }, message: { text: "x" } };
    expect((await post(base, "/zalo/v3.0/oa/message/cs", body, { access_token: "wrong" })).json).toMatchObject({ error: -216 });
    const ok = await post(base, "/zalo/v3.0/oa/message/cs", body, { access_token: zaloSettings(server.config).ZALO_ACCESS_TOKEN! });
    expect(ok.json).toMatchObject({ error: 0, message: "Success", data: { message_id: expect.any(String) } });

    const refresh = (token: string) =>
      fetch(`${base}/zalo-oauth/v4/oa/access_token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", secret_key: zaloSettings(server.config).ZALO_APP_SECRET! },
        body: new URLSearchParams({ refresh_token: token, app_id: zaloSettings(server.config).ZALO_APP_ID!, grant_type: "refresh_token" }).toString(),
      }).then((r) => r.json() as Promise<Record<string, string | number>>);
    const pair = await refresh("fresh-from-nowhere");
    expect(pair).toMatchObject({ error: -14020 });
    const first = await refresh(`${zaloSettings(server.config).ZALO_REFRESH_TOKEN!}.seen-before-restart`);
    expect(first).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: "90000" });
    expect(await refresh(`${zaloSettings(server.config).ZALO_REFRESH_TOKEN!}.seen-before-restart`)).toMatchObject({ error: -14020 });
    const withNew = await post(base, "/zalo/v3.0/oa/message/cs", body, { access_token: String(first.access_token) });
    expect(withNew.json).toMatchObject({ error: 0 });
  });

  it("fake Graph checks the page token", async () => {
    const base = `${server.url}/simulator/fake/graph/v25.0/me/messages`;
    const body = { recipient: { id: "42" }, messaging_type: "RESPONSE", message: { text: "x" } };
    const bad = await post(base, "?access_token=wrong", body);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 190 } });
    const ok = await post(base, `?access_token=${messengerSettings(server.config).MESSENGER_PAGE_TOKEN!}`, body);
    expect(ok.json).toMatchObject({ recipient_id: "42", message_id: expect.any(String) });
  });

  it("never logs what people wrote", () => {
    const all = logLines.join("\n");
    expect(all).not.toContain("xin chào");
    expect(all).not.toContain(viBot.greeting);
  });
});

describe("simulator off (SIMULATOR=0)", () => {
  it("is not mounted: every /simulator path is a 404", async () => {
    const server = await startTestServer({ SIMULATOR: "0" }, { mount: mountSimulator });
    try {
      for (const path of ["/simulator", "/simulator/api/messages?channel=zalo&userId=1", "/simulator/assets/chat.js"]) {
        expect((await fetch(`${server.url}${path}`)).status).toBe(404);
      }
      expect((await post(server.url, "/simulator/api/send", { channel: "zalo", userId: "1", text: "a" })).status).toBe(404);
      expect((await post(server.url, "/simulator/fake/graph/v25.0/me/messages", {})).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

function tapOf(chip: NonNullable<TranscriptEntry["chips"]>[number]) {
  if (chip.kind !== "reply") throw new Error("not a reply chip");
  return { payload: chip.payload, title: chip.title, via: chip.via };
}
