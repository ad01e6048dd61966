// Creating a campaign in the console and its eligibility preview: each person decided by the
// policy table, counted per platform and reason; bad input named by field, nothing half-made;
// a campaign stays inside its creator's area.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let h: ChatHarness;
const staff: Record<string, StaffClient> = {};
const H = 3_600_000;
const db = () => h.server.database.db;
const inAnHour = () => new Date(Date.now() + 7 * H + H).toISOString().slice(0, 16);

async function person(channel: string, userId: string, p: { ago?: number | null; optedOut?: boolean; unreachable?: boolean; province?: string; commune?: string | null }) {
  await db().conversation.create({
    data: {
      channel, userId, provinceCode: p.province ?? "12", communeCode: p.commune === undefined ? "03583" : p.commune,
      lastInboundAt: p.ago === null ? null : new Date(Date.now() - (p.ago ?? H)),
      optedOutAt: p.optedOut ? new Date() : null, unreachableAt: p.unreachable ? new Date() : null,
    },
  });
}

beforeAll(async () => {
  h = await startChatHarness();
  for (const [key, role, area] of [["centre", "centre_admin", null], ["laiChau", "province_staff", "12"], ["dienBien", "province_staff", "11"], ["khongLao", "commune_staff", "03583"]] as const) {
    const c = new StaffClient(h.server.url);
    await c.login((await makeStaff(db(), { role, areaCode: area })).email);
    staff[key] = c;
  }
  await person("zalo", "z-now", { ago: H });
  await person("zalo", "z-paid", { ago: 72 * H });
  await person("zalo", "z-old", { ago: 8 * 24 * H });
  await person("zalo", "z-never", { ago: null });
  await person("zalo", "z-stop", { ago: H, optedOut: true });
  await person("zalo", "z-gone", { ago: H, unreachable: true });
  await person("messenger", "m-now", { ago: 2 * H });
  await person("messenger", "m-old", { ago: 30 * H });
  await person("zalo", "z-elsewhere", { ago: H, province: "11", commune: "03295" });
});
afterAll(async () => {
  await h?.close();
});

// No quiet hours in these tests (0–0), so the outcome does not depend on the hour they run at.
const good = (extra: Record<string, string> = {}) => ({ name: "Tháng hành động thử", message_vi: "Hãy cùng chung tay phòng chống bạo lực gia đình.", message_en: "", province_code: "12", commune_code: "", who: "villagers", start_at: inAnHour(), quiet_from: "0", quiet_to: "0", per_day: "1", ...extra });

describe("campaigns in the console", () => {
  it("from a calendar entry in one click: the form comes filled with its name", async () => {
    const form = await staff.laiChau!.get("/staff/campaigns/new?entry=thang-binh-dang-gioi");
    expect(form.status).toBe(200);
    expect(form.text).toContain("Tháng hành động vì bình đẳng giới");
    expect(form.text).toContain('name="entry_id" value="thang-binh-dang-gioi"');
    expect((await staff.laiChau!.get("/staff/campaigns")).text).toContain("/staff/campaigns/new?entry=thang-binh-dang-gioi");
  });

  it("bad input is named by field and creates nothing", async () => {
    const c = staff.laiChau!;
    await c.get("/staff/campaigns/new");
    const noVi = await c.post("/staff/campaigns/new", good({ message_vi: "" }));
    expect(noVi.status).toBe(400);
    expect(noVi.text).toMatch(/id="err-message_vi">cần nội dung tiếng Việt/);
    expect(noVi.text).toContain('value="Tháng hành động thử"'); // what was typed is kept
    const past = await c.post("/staff/campaigns/new", good({ start_at: "2020-01-01T08:00" }));
    expect(past.text).toMatch(/id="err-start_at">thời điểm đã qua/);
    const other = await c.post("/staff/campaigns/new", good({ province_code: "11" }));
    expect(other.text).toMatch(/id="err-province_code" role="alert">Tỉnh: ngoài địa bàn của bạn/);
    const commune = await staff.khongLao!.get("/staff/campaigns/new");
    expect(commune.status).toBe(200);
    const wrongCommune = await staff.khongLao!.post("/staff/campaigns/new", good({ province_code: "", commune_code: "03549" }));
    expect(wrongCommune.text).toMatch(/id="err-commune_code" role="alert">Xã\/phường: ngoài địa bàn của bạn/);
    const empty = await c.post("/staff/campaigns/new", good({ commune_code: "03549" }));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("Không có ai trong nhóm nhận này");
    expect(await db().campaign.count()).toBe(0);
  });

  it("the preview counts each person by the policy table, per platform", async () => {
    const c = staff.laiChau!;
    await c.get("/staff/campaigns/new");
    const made = await c.post("/staff/campaigns/new", good());
    expect(made.status).toBe(303);
    const page = await c.get(made.location!);
    expect(page.text).toContain("8 người trong nhóm nhận.");
    const line = (p: string) => new RegExp(`data-platform="${p}" data-send-now="(\\d+)">([^<]+)<`).exec(page.text)?.[2] ?? "";
    expect(line("zalo")).toBe("Zalo: 1 gửi được ngay (miễn phí) · 1 trong cửa sổ trả phí (cần duyệt) · 1 ngoài cửa sổ → dùng Broadcast trên trang quản trị OA · 1 chưa từng nhắn · 1 đã từ chối nhận tin · 1 không liên lạc được (bỏ theo dõi, chặn)");
    expect(line("messenger")).toBe("Messenger: 1 gửi được ngay (miễn phí) · 1 ngoài cửa sổ → dùng Broadcast trên trang quản trị OA");
    expect(page.text).toContain("Nhắn DỪNG để không nhận tin nữa.");
    // The preview as CSV: the same counts as the page, per platform and reason.
    const id = Number(made.location!.split("/").pop());
    const csv = Buffer.from(await (await c.request("GET", `/staff/campaigns/${id}/preview.csv`)).arrayBuffer()).toString("utf8").replace(/^\uFEFF/, "");
    const rows = csv.trim().split("\r\n").map((l) => l.split(","));
    const zaloNow = rows.find((r) => r[0] === "Zalo" && r[1] === "Gửi được ngay (miễn phí)")!;
    expect(Number(zaloNow[3])).toBe(Number(/data-platform="zalo" data-send-now="(\d+)"/.exec(page.text)![1]));
    expect(rows.find((r) => r[0] === "Zalo" && r[2] === "đã nhắn DỪNG")![3]).toBe("1");
    expect(rows.find((r) => r[0] === "Tổng cộng")![3]).toBe("8");
    expect((await c.request("GET", `/staff/campaigns/${id}/preview.xlsx`)).headers.get("content-type")).toMatch(/spreadsheetml/);
    expect(page.text).not.toContain("z-now"); // ids masked in the sample
    const row = await db().campaign.findFirstOrThrow();
    expect(row).toMatchObject({ status: "draft", provinceCode: "12", createdBy: expect.any(Number) });
    expect((await db().auditLog.findMany({ where: { action: "campaign.create" } })).map((a) => a.detail)).toEqual(["recipients=8"]);
  });

  it("a campaign stays in its area: another province, or a commune officer, sees 'not found'", async () => {
    const row = await db().campaign.findFirstOrThrow();
    expect((await staff.dienBien!.get(`/staff/campaigns/${row.id}`)).status).toBe(404);
    expect((await staff.khongLao!.get(`/staff/campaigns/${row.id}`)).status).toBe(404);
    expect((await staff.centre!.get(`/staff/campaigns/${row.id}`)).status).toBe(200);
    expect((await staff.dienBien!.get("/staff/campaigns")).text).not.toContain(`/staff/campaigns/${row.id}"`);
  });

  it("previewing again decides everyone again: a person who said DỪNG since is no longer counted as reachable", async () => {
    const row = await db().campaign.findFirstOrThrow();
    await db().conversation.updateMany({ where: { userId: "m-now" }, data: { optedOutAt: new Date() } });
    const c = staff.laiChau!;
    await c.get(`/staff/campaigns/${row.id}`);
    expect((await c.post(`/staff/campaigns/${row.id}/preview`)).status).toBe(303);
    const page = await c.get(`/staff/campaigns/${row.id}`);
    expect(page.text).toMatch(/Messenger: 0 gửi được ngay \(miễn phí\) · 1 ngoài cửa sổ[^<·]*· 1 đã từ chối nhận tin/);
  });
});
