// "xóa dữ liệu" always works and cannot be undone: while a staff member holds the
// conversation (who then sees that it was asked for), against a replayed signed webhook
// (tombstones of the event keys, and the platforms' own timestamps checked), and
// retention blanks what was sent to people as well as what they wrote.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRetention } from "../../src/privacy/retention.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { pageEvent, postMessengerWebhook } from "../support/fake-meta.js";
import { postZaloWebhook } from "../support/fake-zalo.js";
import { eventually, startTestServer, TEST_SECRETS } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const help = JSON.parse(readFileSync(new URL("../../locales/vi/help.json", import.meta.url), "utf8"));
const handoverVi = JSON.parse(readFileSync(new URL("../../locales/vi/staff-handover.json", import.meta.url), "utf8"));
const DELETED = help.privacy.deleted as string;

let h: ChatHarness;
let staff: StaffClient;
const db = () => h.server.database.db;

beforeAll(async () => {
  h = await startChatHarness();
  const { email } = await makeStaff(db(), { role: "centre_admin", name: "Cán bộ trực" });
  staff = new StaffClient(h.server.url);
  await staff.login(email);
});
afterAll(async () => {
  await h?.close();
});

function zaloText(userId: string, msgId: string, text: string, at = Date.now()): string {
  return JSON.stringify({
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: userId },
    recipient: { id: TEST_SECRETS.ZALO_OA_ID },
    event_name: "user_send_text",
    message: { msg_id: msgId, text },
    timestamp: String(at),
    user_id_by_app: "7300442764876318465",
  });
}

const messengerText = (psid: string, mid: string, text: string, at = Date.now()) =>
  pageEvent([{ sender: { id: psid }, recipient: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, timestamp: at, message: { mid, text } }]);

async function idle(): Promise<void> {
  await eventually(async () => (await db().inboxEvent.count({ where: { status: { in: ["pending", "processing"] } } })) === 0 && (await db().outboxMessage.count({ where: { status: { in: ["queued", "sending", "retry"] } } })) === 0);
}

describe("erase while a staff member holds the conversation", () => {
  it("answers, deletes, and shows the holder that the person asked for it", async () => {
    const chat = h.chat("zalo");
    expect((await chat.say("cứu em với, chồng em đánh em")).join("\n")).toMatch(/113/);
    const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId: chat.userId } } });
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });
    expect((await staff.post(`/staff/handover/${flag.id}/claim`)).status).toBe(303);
    expect(await chat.say("em sợ lắm")).toEqual([]); // held: the bot is quiet

    expect(await chat.say("xóa dữ liệu")).toEqual([DELETED]);
    expect(await db().conversation.count({ where: { channel: "zalo", userId: chat.userId } })).toBe(0);
    expect(await db().inboxEvent.count({ where: { conversationKey: `zalo:${chat.userId}` } })).toBe(0);
    const nothingLeft = await db().outboxMessage.findMany({ where: { conversationKey: `zalo:${chat.userId}` } });
    expect(nothingLeft.map((r) => JSON.parse(r.payload).message?.text)).toEqual([DELETED]);
    const after = await db().handover.findUniqueOrThrow({ where: { id: flag.id } });
    expect(after.status).toBe("closed");
    expect(after.erasedAt).toBeInstanceOf(Date);

    const page = await staff.get(`/staff/handover/${flag.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="erased"');
    expect(page.text).not.toContain("em sợ lắm");
    expect(page.text).not.toContain('name="text"'); // no reply form
    const inbox = await staff.get("/staff/handover");
    expect(inbox.text).toContain(`href="/staff/handover/${flag.id}"`);
    expect(inbox.text).toContain(handoverVi.status.erased);
  });
});

describe("erase cannot be undone by replaying signed webhooks", () => {
  it("Zalo: the replayed cry for help is a duplicate: no conversation, no flag, no reply", async () => {
    const user = "8309393969855400001";
    const cry = zaloText(user, "c0ffee00000000000001", "cứu em với, chồng em đánh em");
    expect((await postZaloWebhook(h.server.url, cry)).status).toBe(200);
    await idle();
    expect((await postZaloWebhook(h.server.url, zaloText(user, "c0ffee00000000000002", "xóa dữ liệu"))).status).toBe(200);
    await idle();
    const sentBefore = h.zalo.messages(user).length;
    const flagsBefore = await db().handover.count();

    const replay = await postZaloWebhook(h.server.url, cry);
    expect(replay).toMatchObject({ status: 200, body: { stored: 0, duplicates: 1 } });
    await idle();
    expect(await db().conversation.count({ where: { userId: user } })).toBe(0);
    expect(await db().handover.count()).toBe(flagsBefore);
    expect(h.zalo.messages(user).length).toBe(sentBefore);
    // The tombstones say nothing about the person.
    const tombs = await db().inboxEvent.findMany({ where: { kind: "erased" } });
    expect(tombs.length).toBeGreaterThanOrEqual(2);
    for (const t of tombs) {
      expect(t.payload).toBe("{}");
      expect(t.conversationKey).toBe("erased");
    }
  });

  it("Messenger: the same", async () => {
    const psid = "1254477777700001";
    const cry = messengerText(psid, "m_erase_cry", "cuu em voi chong em danh em");
    expect((await postMessengerWebhook(h.server.url, cry)).status).toBe(200);
    await idle();
    expect((await postMessengerWebhook(h.server.url, messengerText(psid, "m_erase_ask", "xoa du lieu"))).status).toBe(200);
    await idle();
    const sentBefore = h.meta.requestsFor(psid).length;
    const replay = await postMessengerWebhook(h.server.url, cry);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ stored: 0, duplicates: 1 });
    await idle();
    expect(await db().conversation.count({ where: { userId: psid } })).toBe(0);
    expect(h.meta.requestsFor(psid).length).toBe(sentBefore);
  });

  it("tombstones go after ERASED_KEYS_DAYS", async () => {
    const now = new Date(Date.now() + 8 * 86_400_000);
    const counts = await runRetention(db(), { retentionDays: 30, erasedKeysDays: 7 }, now);
    expect(counts.tombstones).toBeGreaterThan(0);
    expect(await db().inboxEvent.count({ where: { kind: "erased" } })).toBe(0);
  });
});

describe("signed bodies outside the platform's time window are dropped", () => {
  it("Zalo: older or newer than ZALO_EVENT_MAX_AGE_MIN is acknowledged and not stored", async () => {
    const server = await startTestServer({ ZALO_EVENT_MAX_AGE_MIN: "15", MESSENGER_EVENT_MAX_AGE_H: "48" });
    try {
      const user = "8309393969855400002";
      const old = await postZaloWebhook(server.url, zaloText(user, "0ld00000000000000001", "cứu em", Date.now() - 20 * 60_000));
      expect(old).toMatchObject({ status: 200, body: { stored: 0, stale: 1 } });
      const future = await postZaloWebhook(server.url, zaloText(user, "0ld00000000000000002", "cứu em", Date.now() + 20 * 60_000));
      expect(future).toMatchObject({ status: 200, body: { stored: 0, stale: 1 } });
      expect(await server.database.db.inboxEvent.count()).toBe(0);
      const fresh = await postZaloWebhook(server.url, zaloText(user, "0ld00000000000000003", "cứu em", Date.now() - 60_000));
      expect(fresh).toMatchObject({ status: 200, body: { stored: 1 } });

      const psid = "1254477777700002";
      const oldFb = await postMessengerWebhook(server.url, messengerText(psid, "m_old", "cuu em", Date.now() - 3 * 86_400_000));
      expect(await oldFb.json()).toMatchObject({ stored: 0, stale: 1 });
      const retried = await postMessengerWebhook(server.url, messengerText(psid, "m_retried", "cuu em", Date.now() - 30 * 3600_000));
      expect(await retried.json()).toMatchObject({ stored: 1 }); // Meta's own retries (up to 36 h) still count
    } finally {
      await server.close();
    }
  });
});

describe("retention", () => {
  it("blanks staff replies and bot answers too, and the transcript says so", async () => {
    const chat = h.chat("zalo");
    await chat.say("cứu em với");
    const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId: chat.userId } } });
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id }, orderBy: { id: "desc" } });
    await staff.post(`/staff/handover/${flag.id}/claim`);
    const form = await staff.get(`/staff/handover/${flag.id}`);
    const key = /name="key" value="([^"]+)"/.exec(form.text)![1]!;
    const words = "Em gọi chị số 0912 345 678 nhé";
    expect((await staff.post(`/staff/handover/${flag.id}/reply`, { text: words, key })).status).toBe(303);
    await eventually(async () => h.zalo.sentTexts(chat.userId).includes(words));
    await chat.settled();
    expect((await staff.get(`/staff/handover/${flag.id}`)).text).toContain("0912 345 678");

    const counts = await runRetention(db(), { retentionDays: 30, erasedKeysDays: 7 }, new Date(Date.now() + 31 * 86_400_000));
    expect(counts.outbound).toBeGreaterThan(0);
    expect(counts.inbound).toBeGreaterThan(0);
    const rows = await db().outboxMessage.findMany({ where: { conversationKey: `zalo:${chat.userId}` } });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.payload).toBe('{"purged":true}');
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const page = await staff.get(`/staff/handover/${flag.id}`);
    expect(page.text).not.toContain("0912 345 678");
    expect(page.text).not.toContain("cứu em với");
    expect(page.text).toContain(handoverVi.detail.purged);
  });
});
