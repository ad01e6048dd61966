// Conversation scripts for team leaders (issue 5) through the real webhook path on both
// channels: join by invite code, the guided report with wrong answers, back, cancel,
// resume, duplicates, "BC xem", "BC sửa" with an audit row, and the one-line shorthand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/server.js";
import { Chat, startChatHarness, type ChatHarness } from "../support/chat.js";
import type { TestServer } from "../support/server.js";

let h: ChatHarness;
let teamId: number;
let code = 4000;

beforeAll(async () => {
  h = await startChatHarness();
});
afterAll(async () => {
  await h?.close();
});

async function newTeam(): Promise<string> {
  const inviteCode = String(++code) + "7";
  const team = await h.server.database.db.team.create({
    data: { name: "Tổ truyền thông bản Nậm Xe", provinceCode: "11", communeCode: "03295", villages: JSON.stringify(["Nậm Xe", "Bản Có"]), inviteCode },
  });
  teamId = team.id;
  return inviteCode;
}

async function joined(channel: "zalo" | "messenger"): Promise<Chat> {
  const invite = await newTeam();
  const chat = h.chat(channel);
  await chat.say(`DK ${invite}`);
  return chat;
}

async function expectSay(chat: Chat, say: string, ...want: (string | RegExp)[]): Promise<string> {
  const got = (await chat.say(say)).join("\n");
  for (const w of want) expect(got, `after "${say}"`).toMatch(w);
  return got;
}

const FULL_FORM: [string, string | RegExp][] = [
  ["BC", "ngày nào"],
  ["31/2", "Ngày chưa đúng"],
  ["1", "thôn/bản nào"],
  ["1", "Chủ đề"],
  ["3 8", "Hình thức"],
  ["1", "Tổng số"],
  ["45", "bao nhiêu nữ"],
  ["30", "Bao nhiêu nam"],
  ["15", "dân tộc thiểu số"],
  ["abc", "số nguyên"],
  ["40", "dưới 16"],
  ["5", "tiếng gì"],
  ["2", "tiên phong"],
  ["1", "thiết bị"],
  ["1 3", "tài liệu"],
  ["1 2", "bao nhiêu tài liệu"],
  ["50", "phát hiện"],
  ["2", "Chưa rõ"],
  ["1 2, 3 1", "chuyển gửi"],
  ["1 1, 2 1", "Gửi ảnh"],
  ["xong", "Ghi chú"],
  ["bỏ qua", "Kiểm tra báo cáo"],
];

for (const channel of ["zalo", "messenger"] as const) {
  describe(`team leader reports on ${channel}`, () => {
    it("someone who is not a leader is told how to join", async () => {
      const chat = h.chat(channel);
      await expectSay(chat, "BC", /DK|đăng ký/i);
    });

    it("joins by code and sends a full guided report with a wrong answer on the way", async () => {
      const chat = await joined(channel);
      for (const [say, want] of FULL_FORM) await expectSay(chat, say, want);
      const done = await expectSay(chat, "OK", /BC-[A-Z0-9]{6}/);
      const reference = /BC-[A-Z0-9]{6}/.exec(done)![0];
      const row = await h.server.database.db.sessionReport.findUniqueOrThrow({ where: { reference } });
      expect(row).toMatchObject({ teamId, village: "Nậm Xe", total: 45, women: 30, men: 15, ethnicMinority: 40, childrenUnder16: 5, format: "san-khau-hoa", materials: 50, referred: 2, menPioneers: true });
      expect(JSON.parse(row.topics)).toEqual(["tao-hon", "bao-luc-gia-dinh"]);
      expect(JSON.parse(row.equipment)).toEqual(["loa-keo", "may-chieu"]);
      expect(JSON.parse(row.materialKinds)).toEqual(["to-roi", "ap-phich"]);
      expect(JSON.parse(row.casesDetected!)).toEqual({ "bao-luc": 2, "tao-hon": 1 });
      expect(JSON.parse(row.referredTo!)).toEqual({ dctc: 1, "cong-an": 1 });

      await expectSay(chat, "BC xem", reference, "45");

      // The same session again is caught as a likely duplicate.
      for (const [say, want] of FULL_FORM.filter(([s, want]) => s !== "31/2" && s !== "abc" && want !== "Chưa rõ")) await expectSay(chat, say, want);
      await expectSay(chat, "OK", "trùng");
      await expectSay(chat, "1", "Đã bỏ");
      expect(await h.server.database.db.sessionReport.count({ where: { teamId } })).toBe(1);

      // A correction within 48 hours keeps the old values in an audit row.
      await expectSay(chat, "BC sửa", reference, "Kiểm tra báo cáo");
      await expectSay(chat, "5", "Tổng số");
      await expectSay(chat, "50", "Kiểm tra báo cáo");
      await expectSay(chat, "OK", "Đã sửa");
      const fixed = await h.server.database.db.sessionReport.findUniqueOrThrow({ where: { reference } });
      expect(fixed.total).toBe(50);
      const revision = await h.server.database.db.reportRevision.findFirstOrThrow({ where: { reportId: fixed.id } });
      expect(JSON.parse(revision.previous).total).toBe(45);
    });

    it("\"gửi luôn\" at the first optional question leaves them all empty", async () => {
      const chat = await joined(channel);
      for (const [say, want] of FULL_FORM.slice(0, 13).filter(([s]) => s !== "31/2" && s !== "abc")) await expectSay(chat, say, want);
      await expectSay(chat, "gửi luôn", "Kiểm tra báo cáo", "Nam giới tiên phong: không có");
      await expectSay(chat, "OK", /BC-[A-Z0-9]{6}/);
      const row = await h.server.database.db.sessionReport.findFirstOrThrow({ where: { teamId } });
      expect(row).toMatchObject({ menPioneers: null, equipment: "[]", materialKinds: "[]", materials: null, casesDetected: null, referredTo: null, referred: 0 });
    });

    it("no case detected skips where they went", async () => {
      const chat = await joined(channel);
      for (const [say, want] of FULL_FORM.slice(0, 13).filter(([s]) => s !== "31/2" && s !== "abc")) await expectSay(chat, say, want);
      await expectSay(chat, "không", "thiết bị");
      await expectSay(chat, "bỏ qua", "tài liệu");
      await expectSay(chat, "bỏ qua", "phát hiện");
      await expectSay(chat, "0", "Gửi ảnh");
      await expectSay(chat, "bỏ qua", "Ghi chú");
      await expectSay(chat, "bỏ qua", "Kiểm tra báo cáo");
      await expectSay(chat, "OK", /BC-[A-Z0-9]{6}/);
      const row = await h.server.database.db.sessionReport.findFirstOrThrow({ where: { teamId } });
      expect(row).toMatchObject({ menPioneers: false, casesDetected: "{}", referredTo: "{}", referred: 0 });
    });

    it("back, a count that does not add up, cancel", async () => {
      const chat = await joined(channel);
      await expectSay(chat, "BC", "ngày nào");
      await expectSay(chat, "hôm nay", "thôn/bản");
      await expectSay(chat, "quay lại", "ngày nào");
      await expectSay(chat, "hom qua", "thôn/bản");
      await expectSay(chat, "ban co", "Chủ đề");
      await expectSay(chat, "1", "Hình thức");
      await expectSay(chat, "2", "Tổng số");
      await expectSay(chat, "20", "nữ");
      await expectSay(chat, "25", "lớn hơn tổng số");
      await expectSay(chat, "12", "nam");
      await expectSay(chat, "5", "khác tổng số");
      await expectSay(chat, "2", "Tổng số");
      await expectSay(chat, "hủy", "Đã hủy");
      expect(await h.server.database.db.sessionReport.count({ where: { teamId } })).toBe(0);
    });

    it("the one-line shorthand reads every field and asks for one OK", async () => {
      const chat = await joined(channel);
      const got = await expectSay(chat, "BC 12/6 Nam Xe tao hon, san khau 45 nguoi nu30 nam15 dtts40 tre5 hmong", "Kiểm tra báo cáo", "Nậm Xe", "Tảo hôn");
      expect(got).toMatch("45");
      await expectSay(chat, "OK", /BC-[A-Z0-9]{6}/);
      const row = await h.server.database.db.sessionReport.findFirstOrThrow({ where: { teamId } });
      expect(row).toMatchObject({ village: "Nậm Xe", total: 45, women: 30, men: 15, ethnicMinority: 40 });
      expect(row.sessionDate.slice(5)).toBe("06-12");
    });

    it("the shorthand carries the 2026 fields: pioneers, equipment, materials, cases and where they went", async () => {
      const chat = await joined(channel);
      await expectSay(chat, "BC 12/6 Nam Xe tao hon sk 45 nguoi nu30 nam15 dtts40 hmong ntp loa keo to roi 20 phbl1 phth2 cgdctc1 cgtd1", "Kiểm tra báo cáo", "Bạo lực 1, Tảo hôn 2", "Địa chỉ tin cậy 1, Tổng đài 111 1");
      await expectSay(chat, "OK", /BC-[A-Z0-9]{6}/);
      const row = await h.server.database.db.sessionReport.findFirstOrThrow({ where: { teamId } });
      expect(row).toMatchObject({ menPioneers: true, equipment: '["loa-keo"]', materialKinds: '["to-roi"]', materials: 20, referred: 2 });
      expect(JSON.parse(row.casesDetected!)).toEqual({ "bao-luc": 1, "tao-hon": 2 });
      expect(JSON.parse(row.referredTo!)).toEqual({ dctc: 1, "111": 1 });
    });

    it("a shorthand line with a field it cannot read asks for that field alone", async () => {
      const chat = await joined(channel);
      await expectSay(chat, "BC hom nay Nam Xe tao hon 45 nguoi nu30 nam15 dtts40 tre0 hmong", "Hình thức");
      await expectSay(chat, "1", "Kiểm tra báo cáo", "Nậm Xe");
    });

    it("'BC ?' shows the one-line help", async () => {
      const chat = await joined(channel);
      await expectSay(chat, "BC ?", "BC");
    });

    it("a late message uses its own day as 'today'", async () => {
      const chat = await joined(channel);
      const threeDaysAgo = Date.now() - 3 * 86_400_000;
      const replies = await chat.send({ text: "BC" }, threeDaysAgo);
      const day = new Date(threeDaysAgo + 7 * 3600_000).toISOString().slice(0, 10);
      const dm = `${day.slice(8, 10)}/${day.slice(5, 7)}`;
      expect(replies.map((r) => `${r.text} ${r.choices.join(" ")}`).join("\n")).toMatch(dm);
    });

    it("a restart of the server loses nothing: the report goes on where it was", async () => {
      const chat = await joined(channel);
      await expectSay(chat, "BC", "ngày nào");
      await expectSay(chat, "hôm nay", "thôn/bản");
      await expectSay(chat, "2", "Chủ đề");
      await h.server.stop();
      const restarted = await startServer(h.server.config);
      try {
        const again = new Chat(restarted as unknown as TestServer, h.zalo, h.meta, channel, chat.userId);
        again.replies(); // skip what was already received before the restart
        const got = (await again.say("1")).slice(-1).join("\n");
        expect(got).toMatch("Hình thức");
      } finally {
        await restarted.stop();
        // Later tests keep using h.server: bring it back on the same database.
        Object.assign(h.server, await startServer(h.server.config));
      }
    });

    it("coming back hours later resumes the report where it was", async () => {
      const chat = await joined(channel);
      await chat.send({ text: "BC" }, Date.now() - 5 * 3600_000);
      await expectSay(chat, "1", "báo cáo dở", "thôn/bản");
    });
  });
}
