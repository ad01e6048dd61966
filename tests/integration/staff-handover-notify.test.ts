// On-duty notices: a new danger flag sends a short notice, with no message content, to the
// chat account of each on-duty staff member whose area covers the conversation — once, even
// with two server instances polling the same database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChannels } from "../../src/channels/registry.js";
import { coversConversation, coversFlag, parseDutyChat, sendOnDutyNotices } from "../../src/handover/notify.js";
import { onDutyNotices } from "../../src/jobs/on-duty-notices.js";
import { startJobs } from "../../src/jobs/runner.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { eventually } from "../support/server.js";
import { makeStaff } from "../support/staff.js";

const COMMUNE = "00769"; // Mèo Vạc, Tuyên Quang (08) since the 2025 reform
const AREA = { provinceCode: "08", communeCode: COMMUNE };
let h: ChatHarness;
const db = () => h.server.database.db;
let pollers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  h = await startChatHarness();
});
afterAll(async () => {
  await Promise.all(pollers.map((p) => p.stop()));
  await h?.close();
});

async function onDuty(role: "commune_staff" | "centre_admin", areaCode: string | null, chat: string): Promise<void> {
  const { id } = await makeStaff(db(), { role, areaCode });
  await db().staffUser.update({ where: { id }, data: { onDutyChat: chat } });
}

describe("on-duty notices", () => {
  it("tell the covering staff that a flag exists and how severe, never what was written", async () => {
    // Staff chat accounts follow the platforms' windows too: this one wrote to the OA today.
    const dutyZalo = h.chat("zalo", "8309393969855480001");
    const greeted = (await dutyZalo.say("xin chào")).length;
    await onDuty("commune_staff", COMMUNE, `zalo:${dutyZalo.userId}`);
    await onDuty("commune_staff", "00784", "zalo:8309393969855480002");
    // A Messenger account whose last message is older than 24 h cannot be notified.
    await db().conversation.create({ data: { channel: "messenger", userId: "1254477777780003", lastInboundAt: new Date(Date.now() - 2 * 86_400_000) } });
    await onDuty("centre_admin", null, "messenger:1254477777780003");

    const channels = buildChannels({ config: h.server.config, db: db() });
    // Two pollers, as two server instances would run.
    for (let i = 0; i < 2; i++) pollers.push(startJobs([onDutyNotices(50)], { db: db(), channels, config: h.server.config, onOutboxQueued: () => h.server.outbox.nudge() }));

    await db().conversation.create({ data: { channel: "zalo", userId: "8309393969855480009", ...AREA } });
    const villager = h.chat("zalo", "8309393969855480009");
    await villager.say("cứu em với");
    await eventually(async () => h.zalo.sentTexts(dutyZalo.userId).length > greeted);
    // A third instance starting now, with nothing remembered, finds every notice already queued.
    expect(await sendOnDutyNotices({ db: db(), channels, onQueued: () => undefined })).toBe(0);
    expect(await db().outboxMessage.count({ where: { dedupeKey: { startsWith: "onduty:" } } })).toBe(1);
    await dutyZalo.settled();
    const notices = h.zalo.sentTexts(dutyZalo.userId).slice(greeted);
    expect(notices).toEqual(["Có tin nhắn khẩn cấp mới, mức 3. Mở bảng điều khiển."]);
    expect(h.zalo.sentTexts("8309393969855480002")).toEqual([]);
    expect(h.meta.requestsFor("1254477777780003")).toEqual([]);
  });

  it("area and chat rules", () => {
    expect(coversConversation({ role: "centre_admin", areaCode: null }, null)).toBe(true);
    expect(coversConversation({ role: "province_staff", areaCode: "08" }, AREA)).toBe(true);
    expect(coversConversation({ role: "province_staff", areaCode: "12" }, AREA)).toBe(false);
    expect(coversConversation({ role: "commune_staff", areaCode: COMMUNE }, AREA)).toBe(true);
    expect(coversConversation({ role: "commune_staff", areaCode: COMMUNE }, null)).toBe(false);
    // A conversation with no area yet: every province officer on duty sees its danger flag, not the centre alone.
    const noArea = { provinceCode: null, communeCode: null };
    expect(coversFlag({ role: "province_staff", areaCode: "12" }, noArea)).toBe(true);
    expect(coversFlag({ role: "commune_staff", areaCode: COMMUNE }, noArea)).toBe(false);
    expect(coversFlag({ role: "province_staff", areaCode: "12" }, AREA)).toBe(false);
    const channels = buildChannels({ config: h.server.config, db: db() });
    expect(parseDutyChat("zalo:123", channels)).toEqual({ channel: "zalo", userId: "123" });
    expect(parseDutyChat("messenger:1254477777780003", channels)).toEqual({ channel: "messenger", userId: "1254477777780003" });
    expect(parseDutyChat("sms:123", channels)).toBeNull();
    expect(parseDutyChat("zalo:", channels)).toBeNull();
    expect(parseDutyChat(null, channels)).toBeNull();
  });
});
