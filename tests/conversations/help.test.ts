// Conversation scripts for villagers (issue 4), run through the real webhook path on both
// channels: user says → bot says. Each step names the words the answer must contain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatHarness, type ChatHarness } from "../support/chat.js";

let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness();
});
afterAll(async () => {
  await h?.close();
});

type Step = [say: string, expect: (string | RegExp)[], not?: (string | RegExp)[]];

const SCRIPTS: { name: string; steps: Step[] }[] = [
  {
    name: "greeting, menu, privacy notice once, hotlines by digit and by words",
    steps: [
      ["xin chào", ["Chung Tay", "Đường dây nóng", "xóa dữ liệu"]],
      ["1", ["113", "111", "115", "Miễn phí"], ["xóa dữ liệu"]],
      ["cho hoi duong day nong", ["111"]],
    ],
  },
  {
    // Sample rows are never offered outside DEMO=1 or the simulator: the province's hotlines instead.
    name: "trusted addresses: province by number, commune typed without diacritics, no sample offered",
    steps: [
      ["dia chi tin cay", ["tỉnh nào"]],
      ["abc", ["chưa nhận ra tỉnh", "tỉnh nào"]],
      ["1", ["xã/phường nào", "Điện Biên"]],
      ["quai to", ["Chưa có địa chỉ tin cậy nào được ghi cho xã Quài Tở", "đường dây nóng cho tỉnh Điện Biên", "111"]],
    ],
  },
  {
    name: "a province by name, then an old district: the communes it became, by number",
    steps: [
      ["dia chi tin cay", ["tỉnh nào"]],
      ["lai chau", ["Lai Châu"]],
      ["huyen phong tho", ["nhiều xã", "Khổng Lào", "Sin Suối Hồ"]],
      ["9", ["chọn một số"]],
      ["khong lao", ["xã Khổng Lào"]],
    ],
  },
  {
    name: "an old commune name says it was merged",
    steps: [
      ["2", ["tỉnh nào"]],
      ["xa Toa Tinh", ["sáp nhập", "Quài Tở"]],
    ],
  },
  {
    name: "back and cancel inside a flow",
    steps: [
      ["địa chỉ tin cậy", ["tỉnh nào"]],
      ["1", ["xã/phường nào"]],
      ["quay lại", ["tỉnh nào"]],
      ["hủy", ["Đã hủy", "Chọn một mục"]],
    ],
  },
  {
    name: "awareness topics by list and by keyword",
    steps: [
      ["tim hieu", ["chủ đề"]],
      ["1", ["menu"]],
      ["tao hon la gi", ["Tảo hôn"]],
    ],
  },
  {
    name: "danger in the middle of a form answers first, then the form goes on",
    steps: [
      ["dia chi tin cay", ["tỉnh nào"]],
      ["ck danh e", [/^Nếu bạn đang gặp nguy hiểm/, "113", "111", "115", "an toàn"]],
      ["1", ["xã/phường nào"]],
    ],
  },
  {
    name: "talk to someone opens a handover and gives emergency numbers",
    steps: [["gap can bo", ["cán bộ", "113"]]],
  },
  {
    name: "English on request, hotlines also in Vietnamese",
    steps: [
      ["english", ["Switched to English", "Hotlines"]],
      ["1", ["Free", "(Tiếng Việt)", "Miễn phí"]],
      ["tieng viet", ["Đã chuyển sang tiếng Việt"]],
    ],
  },
  {
    name: "a message in an unknown language gets the menu in Vietnamese",
    steps: [["Kuv xav tau kev pab", ["chưa hiểu", "Đường dây nóng"]]],
  },
];

for (const channel of ["zalo", "messenger"] as const) {
  describe(`villager conversations on ${channel}`, () => {
    for (const script of SCRIPTS) {
      it(script.name, async () => {
        const chat = h.chat(channel);
        for (const [say, want, not] of script.steps) {
          const got = (await chat.say(say)).join("\n");
          for (const w of want) expect(got, `after "${say}"`).toMatch(w instanceof RegExp ? w : new RegExp(escape(w)));
          for (const n of not ?? []) expect(got, `after "${say}"`).not.toMatch(n instanceof RegExp ? n : new RegExp(escape(n)));
        }
      });
    }

    it("a sticker gets a friendly 'did not understand' with the menu", async () => {
      const chat = h.chat(channel);
      const got = (await chat.sticker()).map((r) => r.text).join("\n");
      expect(got).toMatch("chưa hiểu");
      expect(got).toMatch("Chọn một mục");
    });

    it("a shared location gets the nearest trusted addresses with distances", async () => {
      const chat = h.chat(channel);
      // Only sample rows exist, and they are never offered outside DEMO=1 or the simulator.
      const got = (await chat.location(21.65, 103.34)).map((r) => r.text).join("\n");
      expect(got).toMatch("Không có địa chỉ tin cậy nào trong vòng 60 km");
      expect(got).toMatch("111");
      expect(got).not.toMatch("DỮ LIỆU MẪU");
    });

    it("danger flags the conversation for a human with severity", async () => {
      const chat = h.chat(channel);
      await chat.say("CUUUU TOI VOI");
      const db = h.server.database.db;
      const conv = await db.conversation.findUniqueOrThrow({ where: { channel_userId: { channel, userId: chat.userId } } });
      const flag = await db.handover.findFirstOrThrow({ where: { conversationId: conv.id } });
      expect(flag.reason).toBe("danger");
      expect(flag.severity).toBeGreaterThanOrEqual(2);
    });

    it("while a person holds the conversation the bot answers only danger", async () => {
      const chat = h.chat(channel);
      await chat.say("xin chao");
      const db = h.server.database.db;
      await db.conversation.update({ where: { channel_userId: { channel, userId: chat.userId } }, data: { handledBy: "human" } });
      expect(await chat.say("1")).toEqual([]);
      const danger = (await chat.say("chong dang danh em")).join("\n");
      expect(danger).toMatch("113");
    });

    it("'xóa dữ liệu' deletes the person's messages and state", async () => {
      const chat = h.chat(channel);
      await chat.say("dia chi tin cay");
      const got = (await chat.say("xóa dữ liệu")).join("\n");
      expect(got).toMatch("Đã xóa");
      const db = h.server.database.db;
      const key = `${channel}:${chat.userId}`;
      expect(await db.conversation.count({ where: { channel, userId: chat.userId } })).toBe(0);
      expect(await db.inboxEvent.count({ where: { conversationKey: key } })).toBe(0);
      // The next message starts afresh (privacy notice again, no half-finished flow).
      const again = (await chat.say("1")).join("\n");
      expect(again).toMatch("113");
    });

    it("resuming a flow after hours says where the person was", async () => {
      const chat = h.chat(channel);
      await chat.send({ text: "dia chi tin cay" }, Date.now() - 3 * 3600_000);
      const got = (await chat.say("1")).join("\n");
      expect(got).toMatch("làm dở");
      expect(got).toMatch("xã/phường nào");
    });
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("trusted addresses with DEMO=1 (sample rows shown, always marked)", () => {
  let demo: ChatHarness;
  beforeAll(async () => {
    demo = await startChatHarness({ DEMO: "1", NEAREST_MAX_KM: "30" });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it("a commune's sample rows are shown as sample data", async () => {
    const chat = demo.chat("zalo");
    await chat.say("dia chi tin cay");
    await chat.say("1");
    const got = (await chat.say("quai to")).join("\n");
    expect(got).toMatch("Quài Tở");
    expect(got).toMatch("DỮ LIỆU MẪU");
  });

  it("a shared location: the nearest within NEAREST_MAX_KM with distances; beyond it, the hotlines", async () => {
    const near = (await demo.chat("messenger").location(21.65, 103.34)).map((r) => r.text).join("\n");
    expect(near).toMatch("gần bạn nhất");
    expect(near).toMatch(/km/);
    expect(near).toMatch("DỮ LIỆU MẪU");
    // Hà Nội is ~300 km from every sample row.
    const far = (await demo.chat("messenger").location(21.03, 105.85)).map((r) => r.text).join("\n");
    expect(far).toMatch("Không có địa chỉ tin cậy nào trong vòng 30 km");
    expect(far).not.toMatch("DỮ LIỆU MẪU");
  });
});
