// The human handover inbox through the real path: a villager's danger message on Zalo
// becomes a flag in the right staff inboxes; a staff member claims it (the bot goes quiet
// except for danger), reads the last messages (audited), replies through the outbox, and
// hands it back.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeOldText } from "../../src/privacy/retention.js";
import { startChatHarness, type Chat, type ChatHarness } from "../support/chat.js";
import { eventually } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const vi = JSON.parse(readFileSync(new URL("../../locales/vi/staff-handover.json", import.meta.url), "utf8"));
const COMMUNE = "03295";
const OTHER_COMMUNE = "03256";

let h: ChatHarness;
const staff = {} as Record<"admin" | "commune" | "other" | "province", StaffClient>;
const db = () => h.server.database.db;

async function handoverOf(chat: Chat) {
  const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: chat.channel, userId: chat.userId } } });
  const handover = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id }, orderBy: { id: "desc" } });
  return { conv, handover };
}
const messageLines = (html: string) => (html.match(/<li class="msg-/g) ?? []).length;

beforeAll(async () => {
  h = await startChatHarness();
  const roles = { admin: ["centre_admin", null], commune: ["commune_staff", COMMUNE], other: ["commune_staff", OTHER_COMMUNE], province: ["province_staff", "11"] } as const;
  for (const [key, [role, areaCode]] of Object.entries(roles) as [keyof typeof staff, (typeof roles)[keyof typeof roles]][]) {
    const { email } = await makeStaff(db(), { role, areaCode, name: `Cán bộ ${key}` });
    staff[key] = new StaffClient(h.server.url);
    await staff[key].login(email);
  }
});
afterAll(async () => {
  await h?.close();
});

describe("staff handover inbox", () => {
  const villager = () => h.chat("zalo", "8309393969855499901");
  let chat: Chat;
  let id: number;

  it("a danger message appears first in the centre's inbox, and in a commune's only when it is theirs", async () => {
    const asker = h.chat("zalo");
    await asker.tap("MENU_HUMAN");
    chat = villager();
    expect((await chat.say("cứu em với")).join("\n")).toMatch(/113/);
    const { conv, handover } = await handoverOf(chat);
    id = handover.id;
    expect(handover).toMatchObject({ reason: "danger", severity: 3, status: "open" });
    const request = (await handoverOf(asker)).handover;

    const inbox = await staff.admin.get("/staff/handover");
    expect(inbox.status).toBe(200);
    const dangerAt = inbox.text.indexOf(`href="/staff/handover/${id}"`);
    expect(dangerAt).toBeGreaterThan(0);
    expect(dangerAt).toBeLessThan(inbox.text.indexOf(`href="/staff/handover/${request.id}"`));
    expect(inbox.text).toContain(vi.category.call_for_help);
    expect(inbox.text).toMatch(/chờ \d+ phút/);
    expect(inbox.text).not.toContain("cứu em với");

    // No area yet: a danger flag is every province officer's (and the centre's), no commune's.
    for (const who of ["commune", "other"] as const) expect((await staff[who].get("/staff/handover")).text).not.toContain(`/staff/handover/${id}"`);
    expect((await staff.province.get("/staff/handover")).text).toContain(`href="/staff/handover/${id}"`);
    await db().conversation.update({ where: { id: conv.id }, data: { provinceCode: "11", communeCode: COMMUNE } });
    expect((await staff.commune.get("/staff/handover")).text).toContain(`href="/staff/handover/${id}"`);
    expect((await staff.province.get("/staff/handover")).text).toContain(`href="/staff/handover/${id}"`);
    expect((await staff.other.get("/staff/handover")).text).not.toContain(`/staff/handover/${id}"`);
  });

  it("ids outside the area, unknown ids and garbage all answer 404", async () => {
    for (const path of [`/staff/handover/${id}`, "/staff/handover/999999", "/staff/handover/abc", "/staff/handover/1e3"]) {
      expect((await staff.other.get(path)).status).toBe(404);
    }
    for (const action of ["claim", "reply", "release"]) {
      expect((await staff.other.post(`/staff/handover/${id}/${action}`, { text: "x" })).status).toBe(404);
    }
    expect((await db().handover.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    expect(await db().auditLog.count({ where: { staffId: await staffId("other"), action: "open" } })).toBe(0);
  });

  it("a form without the CSRF token is refused and changes nothing", async () => {
    expect((await staff.commune.post(`/staff/handover/${id}/claim`, { _csrf: "" })).status).toBe(403);
    expect((await staff.commune.request("POST", `/staff/handover/${id}/claim`)).status).toBe(403);
    expect((await db().handover.findUniqueOrThrow({ where: { id } })).status).toBe("open");
  });

  it("only the holder reads the messages: before the claim the page shows the flag, not the words", async () => {
    const before = await staff.commune.get(`/staff/handover/${id}`);
    expect(before.status).toBe(200);
    expect(before.text).toContain(vi.claim.button);
    expect(before.text).not.toContain("cứu em với");
    expect(await db().auditLog.count({ where: { action: "open" } })).toBe(0);
  });

  it("claim: one holder; the bot stays quiet except for danger", async () => {
    const claim = await staff.commune.post(`/staff/handover/${id}/claim`);
    expect(claim.status).toBe(303);
    const row = await db().handover.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "claimed", claimedBy: String(await staffId("commune")) });
    expect(row.claimedAt).toBeInstanceOf(Date);
    expect((await handoverOf(chat)).conv.handledBy).toBe("human");

    const second = await staff.admin.post(`/staff/handover/${id}/claim`);
    expect(second.status).toBe(409);
    expect(second.text).toContain("Cán bộ commune");
    expect((await db().handover.findUniqueOrThrow({ where: { id } })).claimedBy).toBe(String(await staffId("commune")));
    const peek = await staff.admin.get(`/staff/handover/${id}`);
    expect(peek.text).toContain("Cán bộ commune");
    expect(peek.text).not.toContain("cứu em với");

    expect(await chat.say("1")).toEqual([]);
    expect((await chat.say("chồng đánh em")).join("\n")).toMatch(/113/);
    expect((await db().handover.findUniqueOrThrow({ where: { id } })).status).toBe("claimed");
  });

  it("opening shows the last messages, is audited, and 'show more' is its own audited read", async () => {
    const page = await staff.commune.get(`/staff/handover/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("cứu em với");
    expect(page.text).toContain("chồng đánh em");
    expect(messageLines(page.text)).toBeLessThanOrEqual(10);
    const conv = (await handoverOf(chat)).conv;
    const audits = await db().auditLog.findMany({ where: { staffId: await staffId("commune"), action: "open", objectType: "conversation", objectId: String(conv.id) } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail).not.toMatch(/cứu|đánh/);

    // The person keeps writing while a person holds the conversation: the bot stays silent.
    for (const n of [1, 2, 3, 4, 5, 6]) expect(await chat.say(`em viết thêm ${n}`)).toEqual([]);
    const recent = await staff.commune.get(`/staff/handover/${id}`);
    expect(messageLines(recent.text)).toBe(10);
    expect(recent.text).toContain("em viết thêm 6");
    const key = `zalo:${chat.userId}`;
    const total = (await db().outboxMessage.count({ where: { conversationKey: key } })) + (await db().inboxEvent.count({ where: { conversationKey: key, kind: "text" } }));
    const more = await staff.commune.get(`/staff/handover/${id}?more=1`);
    expect(messageLines(more.text)).toBe(Math.min(total, 50));
    expect(total).toBeGreaterThan(10);
    expect(await db().auditLog.count({ where: { action: "open", objectId: String(conv.id), detail: { contains: "last=50" } } })).toBe(1);

    // Text blanked by the retention policy is said to be so.
    await purgeOldText(db(), new Date(Date.now() + 60_000));
    const purged = await staff.commune.get(`/staff/handover/${id}`);
    expect(purged.text).toContain(vi.detail.purged);
    expect(purged.text).not.toContain("cứu em với");
  });

  it("the holder's reply reaches the person on Zalo through the outbox; others cannot reply", async () => {
    expect((await staff.admin.post(`/staff/handover/${id}/reply`, { text: "không phải tôi" })).status).toBe(409);
    const form = await staff.commune.get(`/staff/handover/${id}`);
    const key = /name="key" value="([^"]+)"/.exec(form.text)![1]!;
    const words = "Chị là cán bộ Hội. Em có an toàn để nhắn tin không?";
    const sent = await staff.commune.post(`/staff/handover/${id}/reply`, { text: words, key });
    expect(sent.status).toBe(303);
    // The same form submitted twice queues the message once.
    expect((await staff.commune.post(`/staff/handover/${id}/reply`, { text: words, key })).status).toBe(303);
    await eventually(async () => h.zalo.sentTexts(chat.userId).includes(words));
    await chat.settled();
    expect(h.zalo.sentTexts(chat.userId).filter((t) => t === words)).toHaveLength(1);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "reply", objectId: String(id) } });
    expect(audit.detail).toMatch(/^policy=zalo_free/);
    expect((await staff.commune.get(`/staff/handover/${id}`)).text).toContain(words);
  });

  it("Zalo: 48 h – 7 days is allowed (billable); beyond 7 days it is refused with an explanation", async () => {
    const { conv } = await handoverOf(chat);
    await db().conversation.update({ where: { id: conv.id }, data: { lastInboundAt: new Date(Date.now() - 3 * 86_400_000) } });
    expect((await staff.commune.get(`/staff/handover/${id}`)).text).toContain("tính phí");
    expect((await staff.commune.post(`/staff/handover/${id}/reply`, { text: "Chị vẫn ở đây." })).status).toBe(303);
    await eventually(async () => h.zalo.sentTexts(chat.userId).includes("Chị vẫn ở đây."));
    await db().conversation.update({ where: { id: conv.id }, data: { lastInboundAt: new Date(Date.now() - 8 * 86_400_000) } });
    const refused = await staff.commune.post(`/staff/handover/${id}/reply`, { text: "Quá hạn" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("7 ngày");
    expect(await db().auditLog.count({ where: { action: "reply_refused", detail: "refused=zalo_closed" } })).toBe(1);
    await chat.settled();
    expect(h.zalo.sentTexts(chat.userId)).not.toContain("Quá hạn");
  });

  it("release gives the conversation back to the bot", async () => {
    const released = await staff.commune.post(`/staff/handover/${id}/release`);
    expect(released).toMatchObject({ status: 303, location: "/staff/handover?done=released" });
    const row = await db().handover.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("closed");
    expect(row.closedAt).toBeInstanceOf(Date);
    expect((await handoverOf(chat)).conv.handledBy).toBe("bot");
    expect((await chat.say("1")).length).toBeGreaterThan(0);
    expect((await staff.commune.get("/staff/handover")).text).not.toContain(`href="/staff/handover/${id}"`);
  });
});

async function staffId(key: keyof typeof staff): Promise<number> {
  const name = `Cán bộ ${key}`;
  return (await db().staffUser.findFirstOrThrow({ where: { name } })).id;
}
