// A campaign from approval to its last message, against the fake platforms: approval by a
// second person above the threshold, the rate per channel, the stop line, each person
// decided again just before the send, pause / resume / cancel, and nobody sent twice.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageEvent, postMessengerWebhook } from "../support/fake-meta.js";
import { eventually, TEST_SECRETS } from "../support/server.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let h: ChatHarness;
let creator: StaffClient;
let approver: StaffClient;
const H = 3_600_000;
const db = () => h.server.database.db;
// This minute (Vietnam time): the campaign may start at once.
const soon = () => new Date(Date.now() + 7 * H).toISOString().slice(0, 16);
let userN = 0;

/** People of one commune, each with a conversation as if they had written `ago` ms ago. */
async function people(commune: string, channel: string, n: number, ago = H): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const userId = `${channel === "zalo" ? "830939" : "125447"}${String(++userN).padStart(10, "0")}`;
    await db().conversation.create({ data: { channel, userId, provinceCode: "12", communeCode: commune, lastInboundAt: new Date(Date.now() - ago) } });
    ids.push(userId);
  }
  return ids;
}

async function createCampaign(commune: string, name: string): Promise<number> {
  await creator.get("/staff/campaigns/new");
  const made = await creator.post("/staff/campaigns/new", { name, message_vi: `Tin ${name}: cùng chung tay vì bình đẳng giới.`, province_code: "12", commune_code: commune, who: "villagers", start_at: soon(), quiet_from: "0", quiet_to: "0", per_day: "3" });
  expect(made.status).toBe(303);
  return Number(made.location!.split("/").pop());
}

const go = async (c: StaffClient, id: number, action: string) => {
  await c.get(`/staff/campaigns/${id}`);
  return c.post(`/staff/campaigns/${id}/${action}`);
};
const statuses = async (id: number) => Object.fromEntries((await db().broadcastRecipient.groupBy({ by: ["status"], where: { campaignId: id }, _count: { _all: true } })).map((g) => [g.status, g._count._all]));
const texts = (userId: string) => [...h.zalo.sentTexts(userId), ...h.meta.sentTexts(userId)];

beforeAll(async () => {
  // Threshold 3: the first campaign needs a second person; one message per second per channel.
  h = await startChatHarness({ CAMPAIGN_APPROVAL_ABOVE: "3", CAMPAIGN_RATES: "zalo=2,messenger=2" });
  creator = new StaffClient(h.server.url);
  await creator.login((await makeStaff(db(), { role: "province_staff", areaCode: "12" })).email);
  approver = new StaffClient(h.server.url);
  await approver.login((await makeStaff(db(), { role: "province_staff", areaCode: "12" })).email);
});
afterAll(async () => {
  await h?.close();
});

describe("a campaign run", () => {
  it("above the threshold a second person approves; every reachable person gets it once, with the stop line", async () => {
    const zalo = await people("03583", "zalo", 3);
    const messenger = await people("03583", "messenger", 2);
    const [stale] = await people("03583", "zalo", 1, 9 * 24 * H);
    const id = await createCampaign("03583", "Khổng Lào");
    expect((await go(creator, id, "submit")).status).toBe(303);
    expect((await db().campaign.findUniqueOrThrow({ where: { id } })).status).toBe("needs_approval");
    expect((await go(creator, id, "approve")).status).toBe(403); // not one's own
    expect((await go(approver, id, "approve")).status).toBe(303);
    await eventually(async () => (await db().campaign.findUniqueOrThrow({ where: { id } })).status === "done", 20_000);
    for (const u of [...zalo, ...messenger]) {
      expect(texts(u), u).toEqual(["Tin Khổng Lào: cùng chung tay vì bình đẳng giới.\n\nNhắn DỪNG để không nhận tin nữa."]);
    }
    expect(texts(stale!)).toEqual([]);
    expect(await statuses(id)).toEqual({ sent: 5, skipped: 1 });
    expect(await db().broadcastRecipient.findFirst({ where: { campaignId: id, userId: stale } })).toMatchObject({ reason: "outside_window" });
    // The rate: 2 a second per channel, measured from the fake's own timestamps.
    const at = h.zalo.requests.filter((r) => r.path.endsWith("/message/cs") && zalo.includes((r.body as { recipient: { user_id: string } }).recipient.user_id)).map((r) => r.at);
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(400);
    const audits = (await db().auditLog.findMany({ where: { objectType: "campaign", objectId: String(id) } })).map((a) => a.action);
    expect(audits).toEqual(expect.arrayContaining(["campaign.create", "campaign.submit", "campaign.approve"]));
  });

  it("decided again just before the send: DỪNG or a closed window since the preview means skipped, never sent", async () => {
    const [a, b, c] = await people("03571", "zalo", 3);
    const id = await createCampaign("03571", "Dào San");
    await db().conversation.updateMany({ where: { userId: a }, data: { optedOutAt: new Date() } });
    await db().conversation.updateMany({ where: { userId: b }, data: { lastInboundAt: new Date(Date.now() - 8 * 24 * H) } });
    expect((await go(creator, id, "submit")).status).toBe(303); // 3 people: no approval needed
    await eventually(async () => (await db().campaign.findUniqueOrThrow({ where: { id } })).status === "done", 20_000);
    expect(texts(a!)).toEqual([]);
    expect(texts(b!)).toEqual([]);
    expect(texts(c!)).toHaveLength(1);
    const reasons = await db().broadcastRecipient.findMany({ where: { campaignId: id, status: "skipped" }, orderBy: { id: "asc" }, select: { userId: true, reason: true } });
    expect(reasons).toEqual([{ userId: a, reason: "opted_out" }, { userId: b, reason: "outside_window" }]);
  });

  it("pause stops new sends at once; resume goes on; cancel marks the rest cancelled", async () => {
    const ids = await people("03394", "zalo", 3);
    const id = await createCampaign("03394", "Sin Suối Hồ");
    expect((await go(creator, id, "submit")).status).toBe(303);
    await eventually(async () => ids.some((u) => texts(u).length > 0), 10_000);
    expect((await go(creator, id, "pause")).status).toBe(303);
    const sentAtPause = ids.filter((u) => texts(u).length > 0).length;
    await new Promise((r) => setTimeout(r, 2_500));
    // What was already in flight at the pause may still land; nothing after it.
    const afterWait = ids.filter((u) => texts(u).length > 0).length;
    expect(afterWait - sentAtPause).toBeLessThanOrEqual(2);
    expect((await go(creator, id, "resume")).status).toBe(303);
    expect((await go(creator, id, "cancel")).status).toBe(303);
    await new Promise((r) => setTimeout(r, 1_500));
    const final = await statuses(id);
    expect((final.sent ?? 0) + (final.queued ?? 0) + (final.cancelled ?? 0) + (final.skipped ?? 0)).toBe(3);
    expect((await db().campaign.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    for (const u of ids) expect(texts(u).length).toBeLessThanOrEqual(1); // nobody twice
    expect((await go(creator, id, "resume")).status).toBe(409); // a cancelled campaign stays cancelled
  });
});

describe("the referral kit", () => {
  it("a code per commune; THAM GIA <code> and an m.me ?ref= both bring the campaign message at once, counted", async () => {
    const id = await createCampaign("03583", "Mã giới thiệu");
    await go(creator, id, "submit");
    expect((await go(creator, id, "codes")).status).toBe(303);
    const code = (await db().referralCode.findFirstOrThrow({ where: { campaignId: id } })).code;
    const page = await creator.get(`/staff/campaigns/${id}`);
    expect(page.text).toContain(`THAM GIA ${code}`);
    expect(page.text).toContain(`https://m.me/`);
    expect(page.text).toContain(`?ref=${code}`);
    expect(page.text).toContain(`https://zalo.me/${TEST_SECRETS.ZALO_OA_ID}`); // the OA's page: scan, then send the keyword
    expect(page.text).toContain("Lời đọc trên loa");

    const z = h.chat("zalo");
    const byKeyword = (await z.say(`tham gia ${code.toLowerCase()}`)).join("\n");
    expect(byKeyword).toContain("Tin Mã giới thiệu");
    expect(byKeyword).toContain("Nhắn DỪNG để không nhận tin nữa.");
    expect(byKeyword).toContain("nhận tin");
    // Someone opens m.me/<page>?ref=<code>: Messenger sends a referral event.
    const psid = "1254477700000099";
    const ref = pageEvent([{ sender: { id: psid }, recipient: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, timestamp: Date.now(), referral: { ref: code, source: "SHORTLINK", type: "OPEN_THREAD" } }]);
    expect((await postMessengerWebhook(h.server.url, ref)).status).toBe(200);
    await eventually(async () => h.meta.sentTexts(psid).some((x) => x.includes("Tin Mã giới thiệu")));
    // A new chat from the link: Get Started, its postback carrying the code (postback.referral).
    const starter = "1254477700000098";
    const started = pageEvent([{ sender: { id: starter }, recipient: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, timestamp: Date.now(), postback: { title: "Bắt đầu", payload: "GET_STARTED", referral: { ref: code, source: "SHORTLINK", type: "OPEN_THREAD" } } }]);
    expect((await postMessengerWebhook(h.server.url, started)).status).toBe(200);
    await eventually(async () => h.meta.sentTexts(starter).some((x) => x.includes("Tin Mã giới thiệu")));
    const unknown = (await h.chat("zalo").say("THAM GIA ZZZZZ")).join("\n");
    expect(unknown).toContain('Mình chưa tìm thấy mã "ZZZZZ"');
    const visits = await db().referralVisit.findMany();
    expect(visits.filter((v) => v.via === "keyword")).toHaveLength(1);
    expect(visits.filter((v) => v.via === "link")).toHaveLength(2);
    expect(visits.every((v) => v.delivered)).toBe(true);
    const row = await creator.get(`/staff/campaigns/${id}`);
    expect(row.text).toMatch(new RegExp(`data-code="${code}"[\\s\\S]*?data-keyword="1"`));
  });
});

describe("the completion report", () => {
  it("the page, the CSV and the XLSX give the same numbers by platform, status and reason", async () => {
    const row = await db().campaign.findFirstOrThrow({ where: { name: "Khổng Lào" } });
    const page = (await creator.get(`/staff/campaigns/${row.id}`)).text;
    const onPage = Object.fromEntries([...page.matchAll(/data-report="([^"]*)" data-value="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]));
    expect(onPage).toEqual({ "messenger|sent|": 2, "zalo|sent|": 3, "zalo|skipped|outside_window": 1 });
    const csv = await creator.request("GET", `/staff/campaigns/${row.id}/report.csv`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for the tones
    const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n").map((l) => l.split(","));
    const total = lines.find((l) => l[0] === "Tổng cộng")!;
    expect(Number(total[3])).toBe(6);
    expect(lines.filter((l) => l[1] === "Đã gửi").map((l) => Number(l[3])).sort()).toEqual([2, 3]);
    expect(lines.find((l) => l[2] === "ngoài cửa sổ nhắn tin")![3]).toBe("1");
    const xlsx = await creator.request("GET", `/staff/campaigns/${row.id}/report.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const counts: number[] = [];
    wb.worksheets[0]!.eachRow((r) => {
      const v = (r.values as unknown[])[4];
      if (typeof v === "number") counts.push(v);
    });
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 6]);
    expect(text).not.toMatch(/830939\d+|125447\d+/); // no recipient ids
  });
});

describe("the poster", () => {
  it("is an A4 PDF with the keyword, the campaign name with its tones, a QR code and 113/111", async () => {
    const row = await db().campaign.findFirstOrThrow({ where: { name: "Mã giới thiệu" } });
    const code = (await db().referralCode.findFirstOrThrow({ where: { campaignId: row.id } })).code;
    const res = await creator.request("GET", `/staff/campaigns/${row.id}/poster/${code}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const data = new Uint8Array(await res.arrayBuffer());
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
    const page = await pdf.getPage(1);
    const [w, hgt] = [page.view[2]!, page.view[3]!];
    expect([Math.round(w), Math.round(hgt)]).toEqual([595, 842]); // A4 in points
    const text = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ");
    expect(text).toContain(`THAM GIA ${code}`);
    expect(text).toContain("Mã giới thiệu");
    expect(text).toContain("Khổng Lào");
    expect(text).toContain("113");
    expect(text).toContain("111");
    const ops = await page.getOperatorList();
    expect(ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject).length).toBeGreaterThanOrEqual(1); // the QR code
    expect((await staff404(row.id, code)).status).toBe(404);
  });
});

async function staff404(id: number, code: string) {
  const other = new StaffClient(h.server.url);
  await other.login((await makeStaff(db(), { role: "province_staff", areaCode: "11" })).email);
  return other.request("GET", `/staff/campaigns/${id}/poster/${code}.pdf`);
}

describe("live progress", () => {
  it("a server-sent event carries the counts, and the page loads the script that shows them", async () => {
    const row = await db().campaign.findFirstOrThrow({ where: { name: "Khổng Lào" } });
    const page = (await creator.get(`/staff/campaigns/${row.id}`)).text;
    expect(page).toContain(`data-progress-url="/staff/campaigns/${row.id}/events"`);
    expect(page).toContain('src="/staff/assets/campaign.js"');
    const res = await creator.request("GET", `/staff/campaigns/${row.id}/events`);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let buf = "";
    while (!buf.includes("event: progress")) buf += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const data = JSON.parse(/data: (.*)\n/.exec(buf.slice(buf.indexOf("event: progress")))![1]!);
    expect(data).toMatchObject({ status: "done", total: 6, sent: 5, skipped: 1, remaining: 0 });
    expect(JSON.stringify(data)).not.toMatch(/830939|125447/);
    const other = new StaffClient(h.server.url);
    await other.login((await makeStaff(db(), { role: "province_staff", areaCode: "14" })).email);
    expect((await other.request("GET", `/staff/campaigns/${row.id}/events`)).status).toBe(404);
  });
});
