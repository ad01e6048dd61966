// "DỪNG" / "nhận tin" on both channels: campaign messages stop at once and come back on
// request; help never stops; "đúng" (yes) inside a form is never taken for "dừng".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postZaloWebhook } from "../support/fake-zalo.js";
import { TEST_SECRETS } from "../support/server.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";

let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness();
});
afterAll(async () => {
  await h?.close();
});

const state = (channel: string, userId: string) =>
  h.server.database.db.conversation.findUniqueOrThrow({ where: { channel_userId: { channel, userId } }, select: { optedOutAt: true, newsOptInAt: true, unreachableAt: true, unreachableReason: true } });

for (const channel of ["zalo", "messenger"] as const) {
  describe(`campaign messages on/off on ${channel}`, () => {
    it("DỪNG stops them at once; help still answers; nhận tin turns them back on", async () => {
      const chat = h.chat(channel);
      expect((await chat.say("DỪNG")).join("\n")).toContain("Đã dừng gửi tin chiến dịch");
      expect((await state(channel, chat.userId)).optedOutAt).not.toBeNull();
      // Opting out never blocks help.
      expect((await chat.say("đường dây nóng")).join("\n")).toContain("111");
      expect((await chat.say("nhận tin")).join("\n")).toContain("Bạn sẽ nhận lại tin");
      const s = await state(channel, chat.userId);
      expect(s.optedOutAt).toBeNull();
      expect(s.newsOptInAt).not.toBeNull();
    });

    it("stop, dung, hủy nhận tin all stop; đăng ký after stopping starts them again", async () => {
      for (const word of ["stop", "dung", "hủy nhận tin", "Dừng."]) {
        const chat = h.chat(channel);
        expect((await chat.say(word)).join("\n"), word).toContain("Đã dừng");
        expect((await chat.say("đăng ký")).join("\n"), word).toContain("Bạn sẽ nhận lại tin");
      }
    });

    it("'đúng' is not 'dừng', and bare 'dung' inside a form is an answer, not a stop", async () => {
      const chat = h.chat(channel);
      await chat.say("đúng");
      expect((await state(channel, chat.userId)).optedOutAt).toBeNull();
      await chat.say("dia chi tin cay");
      await chat.say("1"); // Điện Biên: now the form asks for the commune
      const inForm = (await chat.say("dung")).join("\n");
      expect(inForm).not.toContain("Đã dừng");
      expect((await state(channel, chat.userId)).optedOutAt).toBeNull();
      // The full word still works inside a form, and the form goes on.
      await chat.say("dia chi tin cay");
      await chat.say("1");
      const stopped = (await chat.say("dừng")).join("\n");
      expect(stopped).toContain("Đã dừng");
      expect(stopped).toContain("xã/phường nào");
    });

    it("'Nhận tin chiến dịch' in the menu explains what comes and how often", async () => {
      const chat = h.chat(channel);
      const menu = (await chat.say("menu")).join("\n");
      expect(menu).toContain("Nhận tin chiến dịch");
      const got = (await chat.say("6")).join("\n");
      expect(got).toContain("không quá 1 lần mỗi ngày");
      expect(got).toContain("Nhắn DỪNG");
      expect((await state(channel, chat.userId)).newsOptInAt).not.toBeNull();
    });
  });
}

describe("follow and unfollow on Zalo", () => {
  it("an unfollow sends nothing and marks the person unreachable; a follow greets her and clears it", async () => {
    const chat = h.chat("zalo");
    await chat.say("xin chào");
    const before = h.zalo.sentTexts(chat.userId).length;
    const at = Date.now();
    const body = (event: string, ts: number) => JSON.stringify({ app_id: TEST_SECRETS.ZALO_APP_ID, oa_id: TEST_SECRETS.ZALO_OA_ID, event_name: event, follower: { id: chat.userId }, source: "oa_profile", timestamp: String(ts) });
    expect((await postZaloWebhook(h.server.url, body("unfollow", at))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    await chat.settled();
    expect(h.zalo.sentTexts(chat.userId).length).toBe(before);
    expect(await state("zalo", chat.userId)).toMatchObject({ unreachableReason: "unfollowed" });
    expect((await postZaloWebhook(h.server.url, body("follow", at + 1000))).status).toBe(200);
    await chat.settled();
    await new Promise((r) => setTimeout(r, 300));
    expect((await state("zalo", chat.userId)).unreachableAt).toBeNull();
    expect(h.zalo.sentTexts(chat.userId).length).toBeGreaterThan(before);
  });
});

describe("a platform that says the person cannot be reached", () => {
  it("Messenger 551 marks her unreachable on that channel", async () => {
    const chat = h.chat("messenger");
    await chat.say("xin chào");
    h.meta.script([{ status: 400, graphError: { code: 551, error_subcode: 1545041, message: "This person isn't available right now." } }]);
    await chat.send({ text: "menu" });
    await chat.settled();
    const s = await state("messenger", chat.userId);
    expect(s.unreachableReason).toMatch(/^platform 551/);
    expect(s.unreachableAt).not.toBeNull();
  });
});
