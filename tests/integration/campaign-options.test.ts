// The campaign options beyond one typed text, against the fake platforms: a content topic with
// its "read more" button and staff's own quick replies on both channels; repeats inside the
// campaign month (one row per person per round, the report by round); audiences by language
// and by poster code; paid sends (Zalo 48 h–7 d) only when asked for, priced, and approved by a
// second person; the approved set fixed at the preview; a person a poster brought not sent
// the same round again; the weekly cap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationKey } from "../../src/core/messages.js";
import { eventually } from "../support/server.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let h: ChatHarness;
let creator: StaffClient;
let approver: StaffClient;
const H = 3_600_000;
const GENDER_MONTH = "thang-binh-dang-gioi"; // 15/11–15/12
const db = () => h.server.database.db;
const soon = () => new Date(Date.now() + 7 * H).toISOString().slice(0, 16);
let userN = 0;

async function people(commune: string, channel: string, n: number, ago = H, extra: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const userId = `${channel === "zalo" ? "830940" : "125448"}${String(++userN).padStart(10, "0")}`;
    await db().conversation.create({ data: { channel, userId, provinceCode: "12", communeCode: commune, lastInboundAt: new Date(Date.now() - ago), ...extra } });
    ids.push(userId);
  }
  return ids;
}

const base = (commune: string, name: string) => ({ name, message_vi: `Tin ${name}.`, province_code: "12", commune_code: commune, who: "villagers", start_at: soon(), quiet_from: "0", quiet_to: "0", per_day: "3" });

async function create(fields: Record<string, string | string[]>): Promise<{ status: number; id: number; body: string }> {
  await creator.get("/staff/campaigns/new");
  const made = await creator.post("/staff/campaigns/new", fields);
  return { status: made.status, id: made.location ? Number(made.location.split("/").pop()) : NaN, body: made.text };
}
const go = async (c: StaffClient, id: number, action: string) => {
  await c.get(`/staff/campaigns/${id}`);
  return c.post(`/staff/campaigns/${id}/${action}`);
};
const campaign = (id: number) => db().campaign.findUniqueOrThrow({ where: { id } });
const done = (id: number) => eventually(async () => (await campaign(id)).status === "done", 20_000);

beforeAll(async () => {
  h = await startChatHarness({ CAMPAIGN_APPROVAL_ABOVE: "50", CAMPAIGN_RATES: "zalo=20,messenger=20" });
  creator = new StaffClient(h.server.url);
  await creator.login((await makeStaff(db(), { role: "province_staff", areaCode: "12" })).email);
  approver = new StaffClient(h.server.url);
  await approver.login((await makeStaff(db(), { role: "province_staff", areaCode: "12" })).email);
});
afterAll(async () => {
  await h?.close();
});

describe("campaign messages", () => {
  it("a topic, a typed text and quick replies: both channels get the buttons on the last message", async () => {
    const [z] = await people("03388", "zalo", 1);
    const [m] = await people("03388", "messenger", 1);
    const made = await create({ ...base("03388", "Chủ đề"), topic: "tao-hon", buttons: "Nhận tin\nGọi 111" });
    expect(made.status).toBe(303);
    await go(creator, made.id, "submit");
    await done(made.id);
    const zalo = h.zalo.messages(z!);
    expect(zalo).toHaveLength(2);
    expect(zalo[0]!.message?.text).toContain("Tảo hôn");
    expect(zalo[1]!.message?.text).toContain("Nhắn DỪNG");
    const zButtons = (zalo[1]!.message as { attachment?: { payload: { buttons: { title: string }[] } } }).attachment?.payload.buttons.map((b) => b.title);
    expect(zButtons).toEqual(["Xem thêm", "Nhận tin", "Gọi 111"]);
    const meta = h.meta.requestsFor(m!).filter((r) => r.status === 200).map((r) => r.body as { message?: { text?: string; quick_replies?: { title: string }[] } });
    expect(meta).toHaveLength(2);
    expect(meta[1]!.message?.quick_replies?.map((q) => q.title)).toEqual(["Xem thêm", "Nhận tin", "Gọi 111"]);
    // Tapping "Xem thêm" is typing the topic's keyword: the bot answers with the whole topic.
    const replies = await h.chat("zalo", z!).say("tảo hôn");
    expect(replies.join("\n")).toContain("Tảo hôn");
  });

  it("bad input names the field and creates nothing: unknown topic, too many buttons, a code that does not exist, repeats past the month, paid without a price", async () => {
    await people("03390", "zalo", 1);
    const before = await db().campaign.count();
    const cases: [Record<string, string>, string][] = [
      [{ topic: "khong-co" }, "không có chủ đề này"],
      [{ buttons: "Một\nHai\nBa\nBốn" }, "tối đa 3 nút"],
      [{ buttons: "Một cái nút dài hơn hai mươi ký tự" }, "tối đa 3 nút"],
      [{ poster_code: "ZZZZ9" }, "không có mã này"],
      [{ rounds: "4", repeat_days: "15" }, "ngoài tháng chiến dịch"],
      [{ entry_id: GENDER_MONTH, rounds: "3", repeat_days: "7", start_at: "2027-12-10T09:00" }, "ngoài tháng chiến dịch"],
      [{ rounds: "9" }, "từ 1 đến 5"],
      [{ paid_allowed: "1" }, "nhập giá mỗi tin"],
      [{ per_week: "2", per_day: "3" }, "không ít hơn số tin mỗi ngày"],
    ];
    for (const [extra, message] of cases) {
      const r = await create({ ...base("03390", "Sai"), ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(400);
      expect(r.body).toContain(message);
    }
    expect(await db().campaign.count()).toBe(before);
  });
});

describe("repeats inside the campaign month", () => {
  it("two rounds a day apart: each person once per round, rows per round, the report by round", async () => {
    const ids = await people("03394", "zalo", 3);
    const made = await create({ ...base("03394", "Lặp lại"), rounds: "2", repeat_days: "1" });
    expect(made.status).toBe(303);
    await go(creator, made.id, "submit");
    await eventually(async () => (await campaign(made.id)).round === 1, 20_000);
    const next = await campaign(made.id);
    expect(next.status).toBe("running");
    expect(next.roundStartAt!.getTime() - next.startAt.getTime()).toBe(86_400_000);
    for (const id of ids) expect(h.zalo.sentTexts(id)).toHaveLength(1);
    // A day passes (the schedule moves, not the clock).
    await db().campaign.update({ where: { id: made.id }, data: { roundStartAt: new Date() } });
    await done(made.id);
    for (const id of ids) expect(h.zalo.sentTexts(id)).toHaveLength(2);
    const rows = await db().broadcastRecipient.groupBy({ by: ["round", "status"], where: { campaignId: made.id }, _count: { _all: true } });
    expect(rows.map((r) => [r.round, r.status, r._count._all]).sort()).toEqual([[0, "sent", 3], [1, "sent", 3]]);
    const page = (await creator.get(`/staff/campaigns/${made.id}`)).text;
    expect(page).toContain('data-report="1|zalo|sent|"');
    expect(page).toContain('data-report="2|zalo|sent|"');
    const csv = (await creator.get(`/staff/campaigns/${made.id}/report.csv`)).text;
    expect(csv).toContain("Lần gửi");
  });
});

describe("audiences", () => {
  it("by language; and the approved set is the preview's: someone who wrote after it is not added", async () => {
    const [vi] = await people("03405", "zalo", 1);
    const [en] = await people("03405", "zalo", 1, H, { language: "en" });
    const byLang = await create({ ...base("03405", "Tiếng Anh"), message_en: "In English.", languages: ["en"] });
    expect(byLang.status).toBe(303);
    const [late] = await people("03405", "zalo", 1, H, { language: "en" }); // after the preview
    await go(creator, byLang.id, "submit");
    await done(byLang.id);
    expect(h.zalo.sentTexts(en!)[0]).toContain("In English.");
    expect(h.zalo.sentTexts(vi!)).toHaveLength(0);
    expect(h.zalo.sentTexts(late!)).toHaveLength(0);
    expect(await db().broadcastRecipient.count({ where: { campaignId: byLang.id } })).toBe(1);
  });

  it("a poster code: who it brought gets the message at once, is placed in the poster's commune, is not sent the same round again, and a follow-up can be for them alone", async () => {
    const [inAudience] = await people("03408", "zalo", 1);
    const start = new Date(Date.now() + 7 * H + H).toISOString().slice(0, 16); // in an hour
    const poster = await create({ ...base("03408", "Áp phích"), start_at: start });
    expect(poster.status).toBe(303);
    await go(creator, poster.id, "submit");
    expect((await go(creator, poster.id, "codes")).status).toBe(303);
    const code = (await db().referralCode.findFirstOrThrow({ where: { campaignId: poster.id, communeCode: "03408" } })).code;
    // She hears the loudspeaker before the run starts; a stranger scans the poster.
    expect((await h.chat("zalo", inAudience!).say(`THAM GIA ${code}`)).join("\n")).toContain("Tin Áp phích.");
    const stranger = "1254489999000002";
    expect((await h.chat("messenger", stranger).say(`tham gia ${code.toLowerCase()}`)).join("\n")).toContain("Tin Áp phích.");
    const came = await db().conversation.findFirstOrThrow({ where: { channel: "messenger", userId: stranger } });
    expect([came.referralCode, came.provinceCode, came.communeCode]).toEqual([code, "12", "03408"]);
    // The run starts: she got it already (duplicate_in_campaign); the stranger came after the preview (not in the approved set).
    await db().campaign.update({ where: { id: poster.id }, data: { startAt: new Date() } });
    await done(poster.id);
    const rows = await db().broadcastRecipient.findMany({ where: { campaignId: poster.id } });
    expect(rows.map((r) => [r.userId, r.status, r.reason])).toEqual([[inAudience, "skipped", "duplicate_in_campaign"]]);
    expect(h.zalo.sentTexts(inAudience!).filter((t) => t.includes("Tin Áp phích."))).toHaveLength(1);

    // A follow-up for the people this code brought: only the two of them, not the rest of the commune.
    await people("03408", "zalo", 2);
    const follow = await create({ ...base("03408", "Theo sau"), poster_code: code.toLowerCase() });
    expect(follow.status).toBe(303);
    expect(JSON.parse((await campaign(follow.id)).preview!).total).toBe(2);
  });
});

describe("paid sends", () => {
  it("off by default (needs approval, never sent); asked for with a price: always a second person, the cost shown, then sent", async () => {
    const [paid] = await people("03424", "zalo", 1, 72 * H); // wrote 3 days ago: Zalo's paid 48 h–7 d window
    const [free] = await people("03424", "zalo", 1, H);
    const off = await create(base("03424", "Không trả phí"));
    await go(creator, off.id, "submit");
    await done(off.id);
    expect((await db().broadcastRecipient.findFirstOrThrow({ where: { campaignId: off.id, userId: paid } })).status).toBe("needs_approval");
    expect(h.zalo.sentTexts(paid!)).toHaveLength(0);

    const on = await create({ ...base("03424", "Trả phí"), paid_allowed: "1", paid_price: "300" });
    expect(on.status).toBe(303);
    const page = (await creator.get(`/staff/campaigns/${on.id}`)).text;
    expect(page).toContain("1 người trong cửa sổ trả phí × 300 đ ≈ 300 đ");
    await go(creator, on.id, "submit");
    expect((await campaign(on.id)).status).toBe("needs_approval"); // 2 people, below the threshold of 50: paid alone asks for it
    expect((await go(creator, on.id, "approve")).status).toBe(403); // not her own
    expect((await go(approver, on.id, "approve")).status).toBe(303);
    await done(on.id);
    expect(h.zalo.sentTexts(paid!).some((t) => t.includes("Tin Trả phí."))).toBe(true);
    expect(h.zalo.sentTexts(free!).some((t) => t.includes("Tin Trả phí."))).toBe(true);
  });
});

describe("caps", () => {
  it("the weekly cap defers (and past her window skips) a person who already had her campaign messages this week", async () => {
    const [p] = await people("03430", "zalo", 1, H);
    const weekAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    for (const d of [2, 3]) {
      await db().outboxMessage.create({ data: { channel: "zalo", recipientId: p!, conversationKey: conversationKey("zalo", p!), dedupeKey: `campaign:9999${d}:zalo:${p}:0`, payload: "{}", status: "sent", createdAt: weekAgo(d) } });
    }
    const made = await create({ ...base("03430", "Tuần"), per_day: "1", per_week: "2" });
    expect(made.status).toBe(303);
    await go(creator, made.id, "submit");
    await eventually(async () => (await db().broadcastRecipient.count({ where: { campaignId: made.id, status: { in: ["deferred", "skipped"] } } })) === 1, 20_000);
    const row = await db().broadcastRecipient.findFirstOrThrow({ where: { campaignId: made.id } });
    expect(row.reason === "frequency_cap" || row.reason === "outside_window").toBe(true);
    expect(h.zalo.sentTexts(p!)).toHaveLength(0);
    await go(creator, made.id, "cancel");
  });
});
