// The human side of safety, through the real webhook path: a reply typed in the Zalo OA
// Manager or the Page Inbox silences the bot (our own echo does not); a claimed conversation
// whose holder went silent returns to the queue and the person is told; a danger flag from a
// person with no area is seen by a province officer, and moves when she names her commune;
// voice messages and photos get an answer with the emergency numbers, and staff see what came.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChannels } from "../../src/channels/registry.js";
import { releaseSilent } from "../../src/handover/silence.js";
import { pageEvent, postMessengerWebhook } from "../support/fake-meta.js";
import { postZaloWebhook } from "../support/fake-zalo.js";
import { eventually, TEST_SECRETS } from "../support/server.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let h: ChatHarness;
const db = () => h.server.database.db;
let n = 0;
const zaloUser = () => `83094100000${String(++n).padStart(5, "0")}`;
const psid = () => `12544900000${String(++n).padStart(5, "0")}`;
/** Page Inbox's app id (Meta's docs on message echoes and the handover protocol). */
const PAGE_INBOX_APP = 263902037430900;

const oaSend = (user: string, msgId: string, text: string) =>
  JSON.stringify({
    event_name: "oa_send_text",
    app_id: TEST_SECRETS.ZALO_APP_ID,
    sender: { id: TEST_SECRETS.ZALO_OA_ID, admin_id: "2561958343102394613" },
    recipient: { id: user },
    message: { text, msg_id: msgId },
    timestamp: String(Date.now()),
    user_id_by_app: "7300442764876318465",
  });

const conversation = (channel: string, userId: string) => db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel, userId } } });

beforeAll(async () => {
  h = await startChatHarness({ HANDOVER_SILENCE_MIN: "30" });
});
afterAll(async () => {
  await h?.close();
});

describe("a person answering from the platform's own inbox", () => {
  it("Zalo: our own echo changes nothing; an OA Manager reply silences the bot until staff release it", async () => {
    const user = zaloUser();
    const chat = h.chat("zalo", user);
    expect((await chat.say("xin chào")).length).toBeGreaterThan(0);
    // Zalo reports what the OA sent, our own reply included: matched by its message id.
    const ours = await db().outboxMessage.findFirstOrThrow({ where: { recipientId: user, status: "sent" } });
    expect((await postZaloWebhook(h.server.url, oaSend(user, ours.platformMessageId!, "(bot reply)"))).status).toBe(200);
    await chat.settled();
    expect((await conversation("zalo", user)).handledBy).toBe("bot");
    expect((await chat.say("số điện thoại")).length).toBeGreaterThan(0);

    // An admin types in the OA Manager: a message id this server never sent.
    expect((await postZaloWebhook(h.server.url, oaSend(user, "ad000000000000000001", "Chào chị, cán bộ Hội đây."))).status).toBe(200);
    await chat.settled();
    expect((await conversation("zalo", user)).handledBy).toBe("human");
    expect(await chat.say("em cần giúp đỡ")).toEqual([]); // the bot keeps quiet

    const staff = new StaffClient(h.server.url);
    await staff.login((await makeStaff(db(), { role: "centre_admin" })).email);
    const conv = await conversation("zalo", user);
    const held = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });
    expect(held).toMatchObject({ status: "claimed", heldVia: "platform", claimedBy: null, reason: "platform_inbox" });
    expect((await staff.get("/staff/handover")).text).toContain("Đang trả lời trên trang quản lý Zalo OA");
    await staff.get(`/staff/handover/${held.id}`);
    expect((await staff.post(`/staff/handover/${held.id}/release`)).status).toBe(303);
    expect((await chat.say("số điện thoại")).length).toBeGreaterThan(0); // the bot helps again
  });

  it("Messenger: a Page Inbox echo silences the bot; the bot's own echo is not a person", async () => {
    const user = psid();
    const chat = h.chat("messenger", user);
    expect((await chat.say("xin chào")).length).toBeGreaterThan(0);
    const own = pageEvent([{ sender: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, recipient: { id: user }, timestamp: Date.now(), message: { is_echo: true, app_id: Number(TEST_SECRETS.MESSENGER_APP_ID), mid: "m_own_1", text: "bot" } }]);
    expect((await postMessengerWebhook(h.server.url, own)).status).toBe(200);
    await chat.settled();
    expect((await conversation("messenger", user)).handledBy).toBe("bot");
    const inbox = pageEvent([{ sender: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, recipient: { id: user }, timestamp: Date.now(), message: { is_echo: true, app_id: PAGE_INBOX_APP, mid: "m_inbox_1", text: "Chào chị, cán bộ Hội đây." } }]);
    expect((await postMessengerWebhook(h.server.url, inbox)).status).toBe(200);
    await chat.settled();
    expect((await conversation("messenger", user)).handledBy).toBe("human");
    expect(await chat.say("chị ơi")).toEqual([]);
  });

  it("a danger message still gets the emergency answer while a person holds the conversation on the platform", async () => {
    const user = zaloUser();
    const chat = h.chat("zalo", user);
    await chat.say("xin chào");
    await postZaloWebhook(h.server.url, oaSend(user, "ad000000000000000002", "Chị cần gì ạ?"));
    await chat.settled();
    expect((await chat.say("cuu em voi chong em danh em")).join("\n")).toMatch(/113/);
  });
});

describe("a silent holder", () => {
  it("after 30 minutes of silence the conversation returns to the queue, she is told, and the bot helps again", async () => {
    const user = zaloUser();
    const chat = h.chat("zalo", user);
    await chat.say("gặp cán bộ");
    const conv = await conversation("zalo", user);
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });
    const staff = new StaffClient(h.server.url);
    await staff.login((await makeStaff(db(), { role: "province_staff", areaCode: "12" })).email);
    await db().conversation.update({ where: { id: conv.id }, data: { provinceCode: "12" } });
    await staff.get(`/staff/handover/${flag.id}`);
    expect((await staff.post(`/staff/handover/${flag.id}/claim`)).status).toBe(303);
    expect(await chat.say("chị ơi")).toEqual([]); // held: the bot is quiet
    const claimedAt = (await db().handover.findUniqueOrThrow({ where: { id: flag.id } })).lastHumanAt!;
    // A fake clock: 29 minutes is not yet silence, 31 is.
    const channels = buildChannels({ config: h.server.config, db: db() });
    await releaseSilent({ db: db(), channels, silenceMs: 30 * 60_000, now: new Date(claimedAt.getTime() + 29 * 60_000) });
    expect((await db().handover.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe("claimed"); // 29 minutes: not yet
    // (Holds left by the tests above are older and go back in the same run.)
    const out = await releaseSilent({ db: db(), channels, silenceMs: 30 * 60_000, now: new Date(claimedAt.getTime() + 31 * 60_000) });
    expect(out.released).toBeGreaterThanOrEqual(1);
    h.server.outbox.nudge();
    await chat.settled();
    expect(chat.replies().at(-1)!.text).toContain("Một cán bộ khác sẽ trả lời bạn sớm");
    expect(await db().handover.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ status: "open", claimedBy: null });
    expect((await conversation("zalo", user)).handledBy).toBe("bot");
    expect((await chat.say("số điện thoại")).length).toBeGreaterThan(0);
  });
});

describe("a danger flag from a person with no area yet", () => {
  it("is in every province officer's inbox, not the centre's alone, and moves to her commune once she names it", async () => {
    const user = zaloUser();
    const chat = h.chat("zalo", user);
    await chat.say("cuu em voi chong em danh em");
    const conv = await conversation("zalo", user);
    expect([conv.provinceCode, conv.communeCode]).toEqual([null, null]);
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id, reason: "danger" } });
    const laiChau = new StaffClient(h.server.url);
    await laiChau.login((await makeStaff(db(), { role: "province_staff", areaCode: "12" })).email);
    const dienBien = new StaffClient(h.server.url);
    await dienBien.login((await makeStaff(db(), { role: "province_staff", areaCode: "11" })).email);
    const commune = new StaffClient(h.server.url);
    await commune.login((await makeStaff(db(), { role: "commune_staff", areaCode: "03388" })).email);
    for (const c of [laiChau, dienBien]) expect((await c.get("/staff/handover")).text).toContain(`data-id="${flag.id}"`);
    expect((await commune.get("/staff/handover")).text).not.toContain(`data-id="${flag.id}"`);
    // The header's live count on any page says it too.
    expect(await (await laiChau.request("GET", "/staff/handover/unclaimed.json")).json()).toMatchObject({ count: expect.any(Number) });
    expect(((await (await laiChau.request("GET", "/staff/handover/unclaimed.json")).json()) as { count: number }).count).toBeGreaterThanOrEqual(1);
    // She names her commune (Đoàn Kết, Lai Châu): now it is Lai Châu's and that commune's, not Điện Biên's.
    await db().conversation.update({ where: { id: conv.id }, data: { provinceCode: "12", communeCode: "03388" } });
    expect((await laiChau.get("/staff/handover")).text).toContain(`data-id="${flag.id}"`);
    expect((await commune.get("/staff/handover")).text).toContain(`data-id="${flag.id}"`);
    expect((await dienBien.get("/staff/handover")).text).not.toContain(`data-id="${flag.id}"`);
  });

  it("a plain request with no area stays the centre's (only danger goes to every province)", async () => {
    const user = zaloUser();
    await h.chat("zalo", user).say("gặp cán bộ");
    const conv = await conversation("zalo", user);
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });
    const officer = new StaffClient(h.server.url);
    await officer.login((await makeStaff(db(), { role: "province_staff", areaCode: "14" })).email);
    expect((await officer.get("/staff/handover")).text).not.toContain(`data-id="${flag.id}"`);
  });
});

describe("messages that are not text", () => {
  const attachment = (user: string, event: string, type: string, msgId: string) =>
    JSON.stringify({
      app_id: TEST_SECRETS.ZALO_APP_ID,
      sender: { id: user },
      recipient: { id: TEST_SECRETS.ZALO_OA_ID },
      event_name: event,
      message: { msg_id: msgId, attachments: [{ type, payload: { url: "https://voice-aac-dl.zdn.vn/example.aac" } }] },
      timestamp: String(Date.now()),
      user_id_by_app: "7300442764876318465",
    });

  it("a voice message gets the voice answer with the emergency numbers, then the menu; staff holding it see that a voice message came", async () => {
    const user = zaloUser();
    const chat = h.chat("zalo", user);
    expect((await postZaloWebhook(h.server.url, attachment(user, "user_send_audio", "audio", "a0d10000000000000001"))).status).toBe(200);
    await chat.settled();
    const first = chat.replies()[0]!;
    expect(first.text).toContain("Mình chưa nghe được tin nhắn thoại");
    expect(first.text).toMatch(/113/);
    expect(first.choices.length).toBeGreaterThan(0); // the menu

    // In a handover, the staff member sees "a voice message" with the platform's link.
    await chat.say("gặp cán bộ");
    const conv = await conversation("zalo", user);
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });
    const staff = new StaffClient(h.server.url);
    await staff.login((await makeStaff(db(), { role: "centre_admin" })).email);
    await staff.get(`/staff/handover/${flag.id}`);
    await staff.post(`/staff/handover/${flag.id}/claim`);
    await postZaloWebhook(h.server.url, attachment(user, "user_send_audio", "audio", "a0d10000000000000002"));
    await chat.settled();
    expect(chat.replies().length).toBeGreaterThan(0);
    const page = (await staff.get(`/staff/handover/${flag.id}`)).text;
    expect(page).toContain('data-attachment="audio"');
    expect(page).toContain("Tin nhắn thoại");
    expect(page).toContain("https://voice-aac-dl.zdn.vn/example.aac");
  });

  it("Messenger: a voice message gets the voice answer too", async () => {
    const user = psid();
    const chat = h.chat("messenger", user);
    const voice = pageEvent([{ sender: { id: user }, recipient: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, timestamp: Date.now(), message: { mid: "m_voice_1", attachments: [{ type: "audio", payload: { url: "https://cdn.fbsbx.com/v/example.mp4" } }] } }]);
    expect((await postMessengerWebhook(h.server.url, voice)).status).toBe(200);
    await chat.settled();
    expect(chat.replies()[0]!.text).toContain("Mình chưa nghe được tin nhắn thoại");
    expect(chat.replies()[0]!.text).toMatch(/113/);
  });

  it("a photo gets the photo answer", async () => {
    const user = zaloUser();
    const chat = h.chat("zalo", user);
    await postZaloWebhook(h.server.url, attachment(user, "user_send_image", "image", "a0d10000000000000003"));
    await chat.settled();
    expect(chat.replies()[0]!.text).toContain("Mình chưa xem được ảnh");
  });
});

it("the held conversation's header count endpoint needs a session", async () => {
  const res = await fetch(`${h.server.url}/staff/handover/unclaimed.json`, { redirect: "manual" });
  expect([302, 303, 401]).toContain(res.status);
  await eventually(async () => true);
});
