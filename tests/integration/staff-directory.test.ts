// The trusted-address directory in the staff console: seeded from the CSV, scoped to the
// staff member's area, checked with the importer's rules, and read by the bot without a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTrustedAddresses } from "../../src/addresses/trusted-addresses.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const QUAI_TO = "03295";
const TUAN_GIAO = "03253";

let h: ChatHarness;
let quaiTo: StaffClient;
const db = () => h.server.database.db;

async function signIn(role: "centre_admin" | "province_staff" | "commune_staff", areaCode?: string, lang?: "en"): Promise<StaffClient> {
  const { email } = await makeStaff(db(), { role, ...(areaCode ? { areaCode } : {}) });
  const c = new StaffClient(h.server.url);
  expect(await c.login(email)).toBe(303);
  await c.get(`/staff/directory${lang ? `?lang=${lang}` : ""}`); // picks up the CSRF token
  return c;
}

/** A verified row in Quài Tở, as the form sends it. */
const verified = (over: Record<string, string> = {}): Record<string, string> => ({
  commune_code: QUAI_TO, village: "Bản Có", name_vi: "Điểm hỗ trợ Bản Có", name_en: "Bản Có support point", kind: "dia-chi-tin-cay",
  phone: "", lat: "21.65", lng: "103.34", hours_vi: "", hours_en: "", verified_by: "Lò Thị Kiểm", effective_from: "2025-07-01", ...over,
});

const fieldErrors = (page: string) => Object.fromEntries([...page.matchAll(/<span class="field-error" id="err-([a-z_]+)">([^<]*)<\/span>/g)].map((m) => [m[1]!, m[2]!]));

beforeAll(async () => {
  h = await startChatHarness();
  quaiTo = await signIn("commune_staff", QUAI_TO);
});
afterAll(async () => {
  await h?.close();
});

describe("directory in the database", () => {
  it("an empty table is seeded from content/trusted-addresses.csv on start, keeping the sample flag", async () => {
    const csv = loadTrustedAddresses();
    const rows = await db().trustedAddress.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.id)).toEqual(csv.map((r) => r.id).sort());
    expect(rows.every((r) => r.sample && r.active)).toBe(true);
    expect(rows.find((r) => r.id === "mau-quai-to-hlhpn")).toMatchObject({ communeCode: QUAI_TO, phone: "0000 000 001", kind: "hoi-lhpn-xa" });
  });
});

describe("area scope", () => {
  it("a commune account lists only its commune's addresses", async () => {
    const page = await quaiTo.get("/staff/directory");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Hội LHPN xã Quài Tở (dữ liệu mẫu)");
    expect(page.text).not.toContain("Tuần Giáo (dữ liệu mẫu)");
    expect(page.text).toContain("DỮ LIỆU MẪU");
  });

  it("another commune's address answers 404 to view, edit, deactivate, like one that does not exist", async () => {
    const other = "mau-tuan-giao-hlhpn";
    const before = await db().trustedAddress.findUniqueOrThrow({ where: { id: other } });
    expect((await quaiTo.get(`/staff/directory/${other}/edit`)).status).toBe(404);
    expect((await quaiTo.post(`/staff/directory/${other}/edit`, verified({ commune_code: TUAN_GIAO }))).status).toBe(404);
    expect((await quaiTo.post(`/staff/directory/${other}/deactivate`)).status).toBe(404);
    expect((await quaiTo.get("/staff/directory/no-such-row/edit")).status).toBe(404);
    expect(await db().trustedAddress.findUniqueOrThrow({ where: { id: other } })).toEqual(before);
  });

  it("a commune account cannot create a row in another commune", async () => {
    const count = await db().trustedAddress.count();
    const res = await quaiTo.post("/staff/directory/new", verified({ commune_code: TUAN_GIAO }));
    expect(res.status).toBe(422);
    expect(fieldErrors(res.text).commune_code).toBe("nằm ngoài địa bàn của bạn");
    expect(await db().trustedAddress.count()).toBe(count);
  });

  it("province staff see every commune of their province; the centre sees all", async () => {
    const province = await signIn("province_staff", "11");
    const page = (await province.get("/staff/directory")).text;
    expect(page).toContain("Quài Tở (dữ liệu mẫu)");
    expect(page).toContain("Tuần Giáo (dữ liệu mẫu)");
    expect(page).not.toContain("Phong Thổ (dữ liệu mẫu)");
    expect((await province.get("/staff/directory/mau-phong-tho-dctc/edit")).status).toBe(404);
    const admin = await signIn("centre_admin");
    expect((await admin.get("/staff/directory/mau-phong-tho-dctc/edit")).status).toBe(200);
  });
});

describe("validation with the importer's rules", () => {
  it("shows each problem next to its field, in Vietnamese, and writes nothing", async () => {
    const count = await db().trustedAddress.count();
    const res = await quaiTo.post("/staff/directory/new", verified({ lat: "hai mươi", phone: "09x2", verified_by: "", hours_vi: "7h-17h" }));
    expect(res.status).toBe(422);
    expect(fieldErrors(res.text)).toEqual({
      lat: "không phải số thập phân (dùng dấu chấm, ví dụ 21.64)",
      phone: "chỉ gồm chữ số, dấu cách và dấu chấm",
    });
    expect(res.text).toMatch(/name="lat" value="hai mươi"[^>]*aria-invalid="true"/);
    // Once the shape is right, the verified-row rules speak.
    const second = await quaiTo.post("/staff/directory/new", verified({ verified_by: "", hours_vi: "7h-17h", phone: "0000 111" }));
    expect(fieldErrors(second.text)).toEqual({
      verified_by: "cần họ tên người đã kiểm tra địa chỉ này",
      hours_en: "ghi giờ làm việc bằng cả tiếng Việt và tiếng Anh, hoặc để trống cả hai",
      phone: "không phải số điện thoại Việt Nam (số 0 và 9 hoặc 10 chữ số)",
    });
    expect(await db().trustedAddress.count()).toBe(count);
  });

  it("never accepts a shelter as a kind; errors follow the staff member's language", async () => {
    const en = await signIn("commune_staff", QUAI_TO, "en");
    const res = await en.post("/staff/directory/new", verified({ kind: "nha-tam-lanh", sample: "1", phone: "0912 345 678" }));
    expect(res.status).toBe(422);
    expect(fieldErrors(res.text)).toEqual({ kind: "kind must be one of: dia-chi-tin-cay, hoi-lhpn-xa (never a shelter)" });
    expect(res.text).not.toContain("nha-tam-lanh</option>");
    const sample = await en.post("/staff/directory/new", verified({ sample: "1", phone: "0912 345 678" }));
    expect(fieldErrors(sample.text)).toEqual({ phone: "sample data must use a placeholder starting 0000 (or none), so no real person is called" });
  });
});

describe("the bot reads the directory without a restart", () => {
  const ask = async (chat: ReturnType<ChatHarness["chat"]>) => {
    await chat.say("dia chi tin cay");
    await chat.say("1");
    return (await chat.say("quai to")).join("\n");
  };

  it("an address added in the console is in the next answer; edited, then deactivated, it follows", async () => {
    const chat = h.chat("zalo");
    expect(await ask(chat)).not.toContain("Điểm hỗ trợ Bản Có");

    const created = await quaiTo.post("/staff/directory/new", verified());
    expect(created.status).toBe(303);
    const id = new URL(created.location!, h.server.url).searchParams.get("saved")!;
    const row = await db().trustedAddress.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ communeCode: QUAI_TO, provinceCode: "11", sample: false, verifiedBy: "Lò Thị Kiểm", active: true });
    expect(await ask(chat)).toContain("Điểm hỗ trợ Bản Có");

    // A verified address is also the one named in a danger answer for that commune.
    expect((await chat.say("chong dang danh em")).join("\n")).toContain("Điểm hỗ trợ Bản Có");

    expect((await quaiTo.post(`/staff/directory/${id}/edit`, verified({ name_vi: "Điểm hỗ trợ Bản Lán" }))).status).toBe(303);
    const edited = await ask(chat);
    expect(edited).toContain("Điểm hỗ trợ Bản Lán");
    expect(edited).not.toContain("Điểm hỗ trợ Bản Có");

    expect((await quaiTo.post(`/staff/directory/${id}/deactivate`)).status).toBe(303);
    expect(await ask(h.chat("messenger"))).not.toContain("Điểm hỗ trợ Bản Lán");
    expect((await quaiTo.get("/staff/directory")).text).toMatch(new RegExp(`id="addr-${id}" class="inactive"`));

    expect((await quaiTo.post(`/staff/directory/${id}/reactivate`)).status).toBe(303);
    expect(await ask(h.chat("messenger"))).toContain("Điểm hỗ trợ Bản Lán");

    const actions = (await db().auditLog.findMany({ where: { objectType: "trusted_address", objectId: id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["directory.create", "directory.update", "directory.deactivate", "directory.reactivate"]);
  });

  it("a row written with a kind the console does not offer is never shown to villagers", async () => {
    await db().trustedAddress.create({
      data: { id: "hand-written", provinceCode: "11", communeCode: QUAI_TO, nameVi: "Nhà tạm lánh bí mật", nameEn: "Secret shelter", kind: "nha-tam-lanh", lat: 21.6, lng: 103.3 },
    });
    expect((await quaiTo.post("/staff/directory/mau-quai-to-dctc/reactivate")).status).toBe(303); // any change refreshes the cache
    expect(await ask(h.chat("zalo"))).not.toContain("Nhà tạm lánh");
  });
});
