// Reminders that reach the teams that need them, through the real path: a leader whose team
// has no report this quarter hears about it the next time she writes (once a quarter, never
// after a danger message); the teams page lists such teams with a message to copy into the
// commune's Zalo group; the dashboard counts the reminders that went and those that could not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quarterKey, quarterOf, vnDate } from "../../src/flows/report/quarter.js";
import { conversationKey } from "../../src/core/messages.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let h: ChatHarness;
const db = () => h.server.database.db;
let staff: StaffClient;

async function team(name: string, commune: string, leader: string, reportedToday: boolean) {
  const row = await db().team.create({ data: { name, provinceCode: "12", communeCode: commune } });
  await db().teamMember.create({ data: { teamId: row.id, channel: "zalo", userId: leader } });
  if (reportedToday) {
    await db().sessionReport.create({
      data: { reference: `BC-T${row.id}`, teamId: row.id, provinceCode: "12", communeCode: commune, sessionDate: vnDate(new Date()), village: "Bản 1", topics: "[]", format: "meeting", total: 10, women: 6, men: 4, ethnicMinority: 8, childrenUnder16: 0, languages: "[]", reporterChannel: "zalo", reporterUserId: leader },
    });
  }
  return row;
}

beforeAll(async () => {
  h = await startChatHarness();
  staff = new StaffClient(h.server.url);
  await staff.login((await makeStaff(db(), { role: "province_staff", areaCode: "12" })).email);
});
afterAll(async () => {
  await h?.close();
});

describe("a leader whose team has not reported", () => {
  it("hears about it the next time she writes, once a quarter", async () => {
    const leader = "8309420000000001";
    await team("Tổ bản Nà Khum", "03388", leader, false);
    const chat = h.chat("zalo", leader);
    const first = (await chat.say("xin chào")).join("\n");
    expect(first).toContain("Tổ bản Nà Khum chưa có báo cáo buổi truyền thông nào trong quý");
    expect((await chat.say("số điện thoại")).join("\n")).not.toContain("chưa có báo cáo");
    const member = await db().teamMember.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId: leader } } });
    expect(member.nudgedQuarter).toBe(quarterKey(quarterOf(new Date())));
  });

  it("not after a danger message, and not when the team has reported", async () => {
    const scared = "8309420000000002";
    await team("Tổ bản Pa Tần", "03388", scared, false);
    expect((await h.chat("zalo", scared).say("cuu em voi chong em danh em")).join("\n")).not.toContain("chưa có báo cáo");
    const done = "8309420000000003";
    await team("Tổ bản Xà Dề", "03390", done, true);
    expect((await h.chat("zalo", done).say("xin chào")).join("\n")).not.toContain("chưa có báo cáo");
  });
});

describe("the console", () => {
  it("lists the teams with no report this quarter, each with a message to copy into the commune's Zalo group", async () => {
    const page = (await staff.get("/staff/teams")).text;
    expect(page).toContain('id="missing-reports"');
    const nakhum = await db().team.findFirstOrThrow({ where: { name: "Tổ bản Nà Khum" } });
    expect(page).toContain(`data-missing-team="${nakhum.id}"`);
    expect(page).toContain("Tổ trưởng nhắn &quot;BC&quot; cho trang Zalo hoặc Facebook của Hội Phụ nữ");
  });

  it("the dashboard counts this quarter's reminders that reached a leader and those that could not", async () => {
    const q = quarterKey(quarterOf(new Date()));
    const key = (user: string) => `reminder:${q}:1w:zalo:${user}:0`;
    await db().outboxMessage.create({ data: { channel: "zalo", recipientId: "8309420000000001", conversationKey: conversationKey("zalo", "8309420000000001"), dedupeKey: key("8309420000000001"), payload: "{}", status: "sent" } });
    await db().outboxMessage.create({ data: { channel: "zalo", recipientId: "8309420000000002", conversationKey: conversationKey("zalo", "8309420000000002"), dedupeKey: key("8309420000000002"), payload: "{}", status: "skipped", lastError: "outside_window" } });
    const page = (await staff.get("/staff")).text;
    expect(page).toContain('data-reminders-sent="1"');
    expect(page).toContain('data-reminders-not-sent="1"');
    expect(page).toContain("ngoài cửa sổ nhắn tin: 1");
  });
});
