// Staff replies on Messenger follow Meta's window (docs/reference/platforms/messenger.md §4): inside 24 h
// an ordinary RESPONSE, 24 h – 7 days the HUMAN_AGENT tag, beyond 7 days nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatHarness, type Chat, type ChatHarness } from "../support/chat.js";
import { eventually } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let h: ChatHarness;
let admin: StaffClient;
let chat: Chat;
let id: number;
let conversationId: number;
const db = () => h.server.database.db;
const DAY = 86_400_000;

async function lastWrote(msAgo: number): Promise<void> {
  await db().conversation.update({ where: { id: conversationId }, data: { lastInboundAt: new Date(Date.now() - msAgo) } });
}
function sentBody(text: string) {
  return h.meta.requestsFor(chat.userId).find((r) => r.status === 200 && (r.body as { message?: { text?: string } }).message?.text === text)?.body as
    | { messaging_type?: string; tag?: string }
    | undefined;
}

beforeAll(async () => {
  h = await startChatHarness();
  const { email } = await makeStaff(db(), { role: "centre_admin" });
  admin = new StaffClient(h.server.url);
  await admin.login(email);
  chat = h.chat("messenger");
  expect((await chat.say("nó cầm dao dọa giết em")).join("\n")).toMatch(/113/);
  const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "messenger", userId: chat.userId } } });
  conversationId = conv.id;
  id = (await db().handover.findFirstOrThrow({ where: { conversationId } })).id;
  expect((await admin.post(`/staff/handover/${id}/claim`)).status).toBe(303);
});
afterAll(async () => {
  await h?.close();
});

describe("staff replies on Messenger", () => {
  it("within 24 h of the person's last message: an ordinary RESPONSE", async () => {
    await lastWrote(60 * 60_000);
    expect((await admin.post(`/staff/handover/${id}/reply`, { text: "Chị nghe đây." })).status).toBe(303);
    const body = await eventually(async () => sentBody("Chị nghe đây."));
    expect(body.messaging_type).toBe("RESPONSE");
    expect(body.tag).toBeUndefined();
  });

  it("3 days after: MESSAGE_TAG with HUMAN_AGENT, and the decision is in the audit log", async () => {
    await lastWrote(3 * DAY);
    const page = await admin.get(`/staff/handover/${id}`);
    expect(page.text).toContain("HUMAN_AGENT");
    expect((await admin.post(`/staff/handover/${id}/reply`, { text: "Em còn ở đó không?" })).status).toBe(303);
    const body = await eventually(async () => sentBody("Em còn ở đó không?"));
    expect(body).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "reply", objectId: String(id) }, orderBy: { id: "desc" } });
    expect(audit.detail).toMatch(/^policy=messenger_human_agent parts=1$/);
  });

  it("8 days after: refused with an explanation, nothing queued or sent", async () => {
    await lastWrote(8 * DAY);
    const page = await admin.get(`/staff/handover/${id}`);
    expect(page.text).not.toContain('name="text"');
    const queued = await db().outboxMessage.count();
    const refused = await admin.post(`/staff/handover/${id}/reply`, { text: "Quá hạn rồi" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("7 ngày");
    expect(refused.text).toContain("không chủ động liên hệ");
    expect(await db().outboxMessage.count()).toBe(queued);
    expect(h.meta.sentTexts(chat.userId)).not.toContain("Quá hạn rồi");
    expect(await db().auditLog.count({ where: { action: "reply_refused", detail: "refused=messenger_closed" } })).toBe(1);
  });

  it("when the person writes again the window opens again", async () => {
    const botRows = () => db().outboxMessage.count({ where: { dedupeKey: { startsWith: "in:" } } });
    const before = await botRows();
    await chat.say("em đây");
    expect(await botRows()).toBe(before); // still held by a person: the bot stays quiet
    expect((await admin.post(`/staff/handover/${id}/reply`, { text: "Chị đây." })).status).toBe(303);
    expect((await eventually(async () => sentBody("Chị đây."))).messaging_type).toBe("RESPONSE");
  });

  it("two staff claiming at the same moment: exactly one holds it", async () => {
    const other = h.chat("messenger");
    await other.say("cứu em với");
    const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "messenger", userId: other.userId } } });
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });
    const { email } = await makeStaff(db(), { role: "centre_admin" });
    const second = new StaffClient(h.server.url);
    await second.login(email);
    const results = await Promise.all([admin, second].map((c) => c.post(`/staff/handover/${flag.id}/claim`)));
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await db().auditLog.count({ where: { action: "claim", objectId: String(flag.id) } })).toBe(1);
  });
});
