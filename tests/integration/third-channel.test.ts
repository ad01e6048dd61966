// A third platform is one folder and one registry line: tests/support/third-channel/ (a
// made-up "Tin") is added to the test's channel list only, and the real server runs a whole
// help conversation, a danger flag and a staff reply through it, with nothing outside that
// folder knowing it exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_MODULES, CHANNEL_SETTINGS } from "../../src/channels/registry.js";
import { loadConfig } from "../../src/config.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";
import { eventually } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";
import { FakeTin } from "../support/third-channel/fake.js";
import { tinModule, tinSignature } from "../support/third-channel/index.js";

const SECRET = "tin-webhook-secret";
const TOKEN = "tin-token-1";
const USER = "tin-mai";

let url: string;
let fake: FakeTin;
let server: RunningServer;
let n = 0;

beforeAll(async () => {
  fake = new FakeTin(TOKEN);
  const api = await fake.start();
  url = await createTestDatabaseUrl();
  const modules = [...CHANNEL_MODULES, tinModule];
  const config = loadConfig(
    { TIN_SECRET: SECRET, TIN_TOKEN: TOKEN, TIN_API_BASE: api, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, LOG_LEVEL: "silent", WORKER_POLL_MS: "50" },
    [...CHANNEL_SETTINGS, tinModule.settings],
  );
  server = await startServer(config, { channels: modules });
});
afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  if (url) await dropTestDatabase(url);
});

async function say(text: string): Promise<string[]> {
  const before = fake.textsTo(USER).length;
  const raw = JSON.stringify({ messages: [{ id: `m${++n}`, from: USER, text, at: Date.now() }] });
  const res = await fetch(`${server.url}/webhooks/tin`, { method: "POST", headers: { "content-type": "application/json", "x-tin-signature": tinSignature(raw, SECRET) }, body: raw });
  expect(res.status).toBe(200);
  const db = server.database.db;
  await eventually(async () => {
    const pendingIn = await db.inboxEvent.count({ where: { conversationKey: `tin:${USER}`, status: { in: ["pending", "processing"] } } });
    if (pendingIn > 0) return false;
    return (await db.outboxMessage.count({ where: { conversationKey: `tin:${USER}`, status: { in: ["queued", "sending", "retry"] } } })) === 0;
  });
  return fake.textsTo(USER).slice(before);
}

describe("a third channel, registered only in this test", () => {
  it("is the only channel running, and its webhook checks its own signature", async () => {
    expect([...server.config.enabledChannels]).toEqual(["tin"]);
    const raw = JSON.stringify({ messages: [{ id: "x", from: USER, text: "hi", at: Date.now() }] });
    const forged = await fetch(`${server.url}/webhooks/tin`, { method: "POST", headers: { "x-tin-signature": tinSignature(raw, "wrong") }, body: raw });
    expect(forged.status).toBe(403);
    const bad = JSON.stringify({ hello: 1 });
    expect((await fetch(`${server.url}/webhooks/tin`, { method: "POST", headers: { "x-tin-signature": tinSignature(bad, SECRET) }, body: bad })).status).toBe(400);
  });

  it("runs a help conversation: menu as a numbered list, hotlines by digit", async () => {
    const menu = (await say("xin chào")).join("\n");
    expect(menu).toMatch(/1\. /);
    expect((await say("1")).join("\n")).toMatch(/111/);
  });

  it("a cry for help is answered at once and flagged; a staff member claims it and replies through Tin", async () => {
    expect((await say("cuu em voi chong em danh em")).join("\n")).toMatch(/113/);
    const conv = await server.database.db.conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "tin", userId: USER } } });
    const flag = await server.database.db.handover.findFirstOrThrow({ where: { conversationId: conv.id, reason: "danger" } });
    const { email } = await makeStaff(server.database.db, { role: "centre_admin" });
    const staff = new StaffClient(server.url);
    await staff.login(email);
    expect((await staff.post(`/staff/handover/${flag.id}/claim`)).status).toBe(303);
    const page = await staff.get(`/staff/handover/${flag.id}`);
    expect(page.text).toContain("cuu em voi"); // the transcript reads Tin's own bodies
    expect(page.text).toContain("Tin");
    const key = /name="key" value="([^"]+)"/.exec(page.text)![1]!;
    const words = "Chị là cán bộ Hội. Em đang ở đâu?";
    expect((await staff.post(`/staff/handover/${flag.id}/reply`, { text: words, key })).status).toBe(303);
    await eventually(async () => fake.textsTo(USER).includes(words));
    const row = await server.database.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: `staff:${flag.id}:` } } });
    expect(row).toMatchObject({ channel: "tin", status: "sent" });
  });
});
