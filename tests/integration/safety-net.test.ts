// The safety answer does not depend on the rest of the bot working: with a bot that fails
// on every event, a cry for help still gets the emergency numbers (once), a person sees the
// flag, and /healthz says the server is degraded once the event is given up on.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/core/bot.js";
import { FakeZalo, postZaloWebhook } from "../support/fake-zalo.js";
import { eventually, startTestServer, TEST_SECRETS, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const help = JSON.parse(readFileSync(new URL("../../locales/vi/help.json", import.meta.url), "utf8"));
const broken: Bot = async () => {
  throw new Error("a flow is broken");
};

let fake: FakeZalo;
let server: TestServer;

beforeAll(async () => {
  fake = new FakeZalo();
  await fake.start();
  server = await startTestServer({ ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url, INBOX_MAX_ATTEMPTS: "2" }, { bot: broken });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

const text = (user: string, msgId: string, words: string) =>
  JSON.stringify({
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: user },
    recipient: { id: TEST_SECRETS.ZALO_OA_ID },
    event_name: "user_send_text",
    message: { msg_id: msgId, text: words },
    timestamp: String(Date.now()),
    user_id_by_app: "7300442764876318465",
  });

describe("when the bot fails on an event", () => {
  it("a cry for help is answered with the emergency numbers once, flagged, and the server reports degraded", async () => {
    const user = "8309393969855409001";
    expect((await postZaloWebhook(server.url, text(user, "5afe0000000000000001", "cuu em voi chong em danh em"))).status).toBe(200);
    const db = server.database.db;
    // Given up after INBOX_MAX_ATTEMPTS tries.
    await eventually(async () => (await db.inboxEvent.findFirst({ where: { eventKey: "5afe0000000000000001" } }))?.status === "failed", 15_000);
    await eventually(async () => fake.sentTexts(user).length > 0);
    const sent = fake.sentTexts(user);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(help.danger.lead);
    expect(sent[0]).toMatch(/113/);
    const conv = await db.conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId: user } } });
    expect(await db.handover.count({ where: { conversationId: conv.id, reason: "danger", status: "open" } })).toBe(1);
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toEqual({ status: "degraded", failedEvents: 1, role: "all" });
  });

  it("an ordinary message that fails gets nothing it did not ask for", async () => {
    const user = "8309393969855409002";
    expect((await postZaloWebhook(server.url, text(user, "5afe0000000000000002", "xin chào"))).status).toBe(200);
    await eventually(async () => (await server.database.db.inboxEvent.findFirst({ where: { eventKey: "5afe0000000000000002" } }))?.status === "failed", 15_000);
    expect(fake.sentTexts(user)).toEqual([]);
  });
});

describe("the Sự cố page", () => {
  it("shows admins each failed event (kind, tries, whether the emergency answer went out, never the words) and retries one", async () => {
    const db = server.database.db;
    const admin = new StaffClient(server.url);
    await admin.login((await makeStaff(db, { role: "centre_admin" })).email);
    const page = await admin.get("/staff/incidents");
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-failed-events="2"');
    expect(page.text).toContain("Đã gửi số khẩn cấp");
    expect(page.text).not.toContain("chong em danh em"); // what she wrote is not shown
    expect(page.text).not.toContain("xin chào");
    const failed = await db.inboxEvent.findFirstOrThrow({ where: { eventKey: "5afe0000000000000002" } });
    expect((await admin.post(`/staff/incidents/events/${failed.id}/retry`)).status).toBe(303);
    expect(await db.auditLog.count({ where: { action: "incident.retry", objectId: String(failed.id) } })).toBe(1);
    // Taken again from the start (this bot still fails, so it ends failed again: tried anew, not lost).
    await eventually(async () => (await db.inboxEvent.findUniqueOrThrow({ where: { id: failed.id } })).attempts > 0, 15_000);
    // A retry of an event that is not failed: a clear answer, nothing changed.
    const done = await db.inboxEvent.findFirstOrThrow({ where: { status: { not: "failed" } } }).catch(() => null);
    if (done) expect((await admin.post(`/staff/incidents/events/${done.id}/retry`)).status).toBe(404);
    // Only admins.
    const officer = new StaffClient(server.url);
    await officer.login((await makeStaff(db, { role: "province_staff", areaCode: "12" })).email);
    expect((await officer.get("/staff/incidents")).status).toBe(404); // like any page outside her role
  });
});
