// CSV import in the staff console: a report of every problem (line, field) and of the rows
// that would be added or updated, nothing written until confirm, then exactly the valid rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLUMNS } from "../../src/addresses/trusted-addresses.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const QUAI_TO = "03295";
let server: TestServer;
let quaiTo: StaffClient;
const db = () => server.database.db;

async function signIn(areaCode: string): Promise<StaffClient> {
  const { email } = await makeStaff(db(), { role: "commune_staff", areaCode });
  const c = new StaffClient(server.url);
  expect(await c.login(email)).toBe(303);
  await c.get("/staff/directory");
  return c;
}

const HEADER = COLUMNS.join(",");
const row = (id: string, over: Partial<Record<(typeof COLUMNS)[number], string>> = {}) =>
  COLUMNS.map((c) => ({ id, province_code: "11", commune_code: QUAI_TO, village: "", name_vi: `Điểm ${id}`, name_en: `Point ${id}`, kind: "hoi-lhpn-xa", phone: "0000 222 333", lat: "21.6", lng: "103.3", hours_vi: "", hours_en: "", verified_by: "", effective_from: "2025-07-01", sample: "1", ...over })[c]).join(",");

const CSV = [
  HEADER, //                                                                   line 1
  row("moi-ban-co"), //                                                         2: added
  row("sai-toa-do", { lat: "48.85" }), //                                       3: lat
  row("xa-khac", { commune_code: "03253" }), //                   4: outside the area
  "# a comment keeps line numbers honest", //                                  5
  row("nha-tam-lanh", { kind: "nha-tam-lanh" }), //                             6: kind
  row("mau-quai-to-hlhpn", { name_vi: "Hội LHPN xã Quài Tở (đã sửa)" }), //     7: updated
  row("mau-tuan-giao-hlhpn"), //                                                8: id of another commune's row
  row("moi-ban-co", { name_vi: "Trùng" }), //                                    9: duplicate id
].join("\n");

type ProblemRow = { line: number; field: string; problem: string };
const problems = (page: string): ProblemRow[] =>
  [...page.matchAll(/<tr><td>(\d+)<\/td><td><code>([^<]+)<\/code><\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => ({ line: Number(m[1]), field: m[2]!, problem: m[3]! }));
const pendingId = (page: string) => /name="pending" value="([^"]+)"/.exec(page)?.[1];

beforeAll(async () => {
  server = await startTestServer();
  quaiTo = await signIn(QUAI_TO);
});
afterAll(async () => {
  await server?.close();
});

describe("CSV import", () => {
  it("the preview lists every problem by line and field and the rows to add and update, and writes nothing", async () => {
    const before = await db().trustedAddress.findMany({ orderBy: { id: "asc" } });
    const res = await quaiTo.post("/staff/directory/import", { csv: CSV });
    expect(res.status).toBe(200);
    expect(problems(res.text)).toEqual([
      { line: 3, field: "lat", problem: "nằm ngoài Việt Nam (8…23.5)" },
      { line: 4, field: "commune_code", problem: "nằm ngoài địa bàn của bạn" },
      { line: 6, field: "kind", problem: "loại phải là một trong: dia-chi-tin-cay, hoi-lhpn-xa (không bao giờ là nơi tạm lánh)" },
      { line: 8, field: "id", problem: "mã này đã được dùng cho một địa chỉ ở địa bàn khác" },
      { line: 9, field: "id", problem: "mã bị trùng trong tệp" },
    ]);
    expect(res.text).toContain("5 lỗi · 1 dòng sẽ được thêm · 1 dòng sẽ được cập nhật.");
    expect(res.text).toMatch(/Sẽ thêm \(1\)<\/h2>.*<td>2<\/td><td>moi-ban-co<\/td>/s);
    expect(res.text).toMatch(/Sẽ cập nhật \(1\)<\/h2>.*<td>7<\/td><td>mau-quai-to-hlhpn<\/td>/s);
    // The pasted text comes back for fixing, escaped.
    expect(res.text).toContain("# a comment keeps line numbers honest");
    expect(await db().trustedAddress.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("confirm writes exactly the valid rows, once, and only for the staff member who checked them", async () => {
    const res = await quaiTo.post("/staff/directory/import", { csv: CSV });
    const id = pendingId(res.text)!;
    expect(id).toMatch(/^[\w-]{20,}$/);
    const before = await db().trustedAddress.findMany({ orderBy: { id: "asc" } });

    const colleague = await signIn(QUAI_TO);
    expect((await colleague.post("/staff/directory/import/confirm", { pending: id })).status).toBe(404);
    expect(await db().trustedAddress.count()).toBe(before.length);

    const done = await quaiTo.post("/staff/directory/import/confirm", { pending: id });
    expect(done.status).toBe(200);
    expect(done.text).toContain("Đã thêm 1 và cập nhật 1 địa chỉ.");
    const after = await db().trustedAddress.findMany({ orderBy: { id: "asc" } });
    expect(after.map((r) => r.id).filter((x) => !before.some((b) => b.id === x))).toEqual(["moi-ban-co"]);
    expect(after.find((r) => r.id === "moi-ban-co")).toMatchObject({ nameVi: "Điểm moi-ban-co", sample: true, active: true, communeCode: QUAI_TO });
    expect(after.find((r) => r.id === "mau-quai-to-hlhpn")?.nameVi).toBe("Hội LHPN xã Quài Tở (đã sửa)");
    // Everything else is as it was, including the other commune's row with the same id as line 8.
    const untouched = (rows: typeof after) => rows.filter((r) => !["moi-ban-co", "mau-quai-to-hlhpn"].includes(r.id));
    expect(untouched(after)).toEqual(untouched(before));

    expect((await quaiTo.post("/staff/directory/import/confirm", { pending: id })).status).toBe(404);
    const log = await db().auditLog.findFirstOrThrow({ where: { action: "directory.import" } });
    expect(log.detail).toBe("added=1 updated=1 skipped=0");
  });

  it("a file marked SAMPLE DATA stores its rows as sample; a file with no valid row offers no confirm", async () => {
    const sample = await quaiTo.post("/staff/directory/import", { csv: ["# SAMPLE DATA — not real", HEADER, row("mau-moi", { sample: "0" })].join("\n") });
    expect(problems(sample.text)).toEqual([{ line: 3, field: "sample", problem: "tệp được đánh dấu DỮ LIỆU MẪU; dòng thật phải ở trong tệp thật" }]);
    expect(pendingId(sample.text)).toBeUndefined();

    const ok = await quaiTo.post("/staff/directory/import", { csv: ["# SAMPLE DATA — not real", HEADER, row("mau-moi")].join("\n") });
    expect(ok.text).toContain("DỮ LIỆU MẪU: mọi dòng sẽ được ghi là dữ liệu mẫu");
    await quaiTo.post("/staff/directory/import/confirm", { pending: pendingId(ok.text)! });
    expect((await db().trustedAddress.findUniqueOrThrow({ where: { id: "mau-moi" } })).sample).toBe(true);

    const header = await quaiTo.post("/staff/directory/import", { csv: "id,name\n1,x" });
    expect(problems(header.text)).toEqual([{ line: 1, field: "(header)", problem: `dòng tiêu đề phải đúng là: ${HEADER}` }]);
  });

  it("re-importing never brings back a row staff deactivated", async () => {
    expect((await quaiTo.post("/staff/directory/moi-ban-co/deactivate")).status).toBe(303);
    const res = await quaiTo.post("/staff/directory/import", { csv: [HEADER, row("moi-ban-co", { name_vi: "Tên mới" })].join("\n") });
    await quaiTo.post("/staff/directory/import/confirm", { pending: pendingId(res.text)! });
    expect(await db().trustedAddress.findUniqueOrThrow({ where: { id: "moi-ban-co" } })).toMatchObject({ nameVi: "Tên mới", active: false });
  });

  it("the import page works without the script: a textarea named csv with the column list", async () => {
    const page = await quaiTo.get("/staff/directory/import");
    expect(page.text).toContain('<textarea name="csv"');
    expect(page.text).toContain(HEADER);
    expect(page.text).toContain('<script src="/staff/assets/directory-import.js" defer>');
    const js = await fetch(`${server.url}/staff/assets/directory-import.js`);
    expect(js.status).toBe(200);
  });

  it("checked on one instance, confirmed on another (the pending import is in the database), once", async () => {
    const other = await startTestServer({ DATABASE_URL: server.config.DATABASE_URL }, { role: "web" });
    try {
      const { email } = await makeStaff(db(), { role: "commune_staff", areaCode: QUAI_TO });
      const here = new StaffClient(server.url);
      await here.login(email);
      await here.get("/staff/directory");
      const there = new StaffClient(other.url);
      await there.login(email);
      await there.get("/staff/directory");
      const res = await here.post("/staff/directory/import", { csv: [HEADER, row("hai-may", { name_vi: "Điểm hai máy" })].join("\n") });
      const id = pendingId(res.text)!;
      expect((await there.post("/staff/directory/import/confirm", { pending: id })).status).toBe(200);
      expect(await db().trustedAddress.findUniqueOrThrow({ where: { id: "hai-may" } })).toMatchObject({ nameVi: "Điểm hai máy" });
      expect((await here.post("/staff/directory/import/confirm", { pending: id })).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
