// The report upward (.docx): opened and read back with mammoth (a .docx reader), its headings
// follow the outline of the Project 8 report in order, and every figure it fills equals the
// dashboard's for the same filter (both read aggregateReports). Blanks are marked; Form 2.8 is
// named, never built. Run on the demo dataset (three provinces, two years, the newer fields).
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vnDate } from "../../src/flows/report/quarter.js";
import { quartersIn } from "../../src/staff/reports/docx-export.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let server: TestServer;
const today = vnDate(new Date());
const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
const PERIOD = `from=${from}&to=${today}`;

const HEADINGS = [
  "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
  "1. Ban hành văn bản, kiện toàn bộ máy, phối hợp",
  "2. Công tác tuyên truyền; nâng cao năng lực",
  "3. Công tác kiểm tra, giám sát",
  "II. KẾT QUẢ THỰC HIỆN",
  "1. Kết quả thực hiện các hoạt động theo từng Nội dung",
  'Nội dung 1: Tuyên truyền, vận động thay đổi "nếp nghĩ, cách làm"',
  'Nội dung 2: Xây dựng và nhân rộng các mô hình thay đổi "nếp nghĩ, cách làm" nâng cao quyền năng kinh tế cho phụ nữ',
  "Nội dung 3: Đảm bảo tiếng nói và sự tham gia thực chất của phụ nữ và trẻ em; giám sát và phản biện; hỗ trợ phụ nữ tham gia lãnh đạo",
  "Nội dung 4: Trang bị kiến thức về bình đẳng giới, kỹ năng lồng ghép giới",
  "2. Tiến độ thực hiện các chỉ tiêu của Dự án",
  "3. Nguồn lực thực hiện",
  "4. Đánh giá chung",
  "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
  "IV. ĐỀ XUẤT, KIẾN NGHỊ",
];

const unescape = (s: string) => s.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").trim();
const number = (s: string) => Number(s.replace(/\./g, "").replace(",", "."));

interface Doc { html: string; headings: string[]; table(caption: string): string[][] }

async function readDocx(buf: Buffer): Promise<Doc> {
  const { value: html } = await mammoth.convertToHtml({ buffer: buf });
  const headings = [...html.matchAll(/<h([1-3])>(.*?)<\/h\1>/g)].map((m) => unescape(m[2]!));
  return {
    html,
    headings,
    table(caption) {
      const at = html.indexOf(caption);
      expect(at, caption).toBeGreaterThan(-1);
      const t = /<table>([\s\S]*?)<\/table>/.exec(html.slice(at))![1]!;
      return [...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => unescape(c[1]!)));
    },
  };
}

function fromDashboard(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/data-(?:stat|key)="([^"]+)" data-value="(\d+)"/g)) out[m[1]!] ??= Number(m[2]);
  return out;
}

async function client(role: "centre_admin" | "province_staff", areaCode?: string): Promise<StaffClient> {
  const s = await makeStaff(server.database.db, { role, areaCode });
  const c = new StaffClient(server.url);
  await c.login(s.email);
  return c;
}

async function both(c: StaffClient, query: string): Promise<{ doc: Doc; dash: Record<string, number>; res: Response }> {
  const res = await c.request("GET", `/staff/reports/export.docx?${query}`);
  expect(res.status).toBe(200);
  const doc = await readDocx(Buffer.from(await res.arrayBuffer()));
  const dash = fromDashboard((await c.get(`/staff/reports/dashboard?${query}`)).text);
  return { doc, dash, res };
}

/** Table rows label → number, with the dashboard's data-key prefix. */
function rowsAsKeys(rows: string[][], labels: Record<string, string>, prefix: string): Record<string, number> {
  const byLabel = Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));
  return Object.fromEntries(rows.slice(1).map((r) => [`${prefix}:${byLabel[r[0]!] ?? r[0]}`, number(r[1]!)]));
}

const pickPrefix = (o: Record<string, number>, prefix: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith(`${prefix}:`)));

beforeAll(async () => {
  server = await startTestServer({ DEMO: "1" });
});
afterAll(async () => {
  await server?.close();
});

describe("the report upward (.docx)", () => {
  for (const [name, role, area, extra] of [
    ["the centre, whole country", "centre_admin", undefined, ""],
    ["the centre, one province", "centre_admin", undefined, "&area=14"],
    ["a province officer", "province_staff", "12", ""],
    ["a province officer, one topic", "province_staff", "11", "&topic=tao-hon"],
  ] as const) {
    it(`${name}: headings in order, figures equal to the dashboard's`, async () => {
      const c = await client(role, area);
      const { doc, dash, res } = await both(c, `${PERIOD}${extra}`);
      expect(res.headers.get("content-type")).toMatch(/wordprocessingml/);
      expect(res.headers.get("content-disposition")).toMatch(/\.docx"$/);
      expect(doc.headings).toEqual(HEADINGS);
      expect(dash.sessions).toBeGreaterThan(0);

      const t1 = Object.fromEntries(doc.table("Bảng 1.").slice(1).map((r) => [r[0]!, number(r[1]!)]));
      expect(t1).toEqual({
        "Số buổi truyền thông": dash.sessions, "Số lượt người tham dự": dash.total, "Trong đó: nữ": dash.women, "Trong đó: nam": dash.men,
        "Người dân tộc thiểu số": dash.ethnicMinority, "Trẻ em dưới 16 tuổi": dash.childrenUnder16, "Số buổi có nam giới tiên phong": dash.menPioneerSessions,
        "Số tài liệu đã phát": dash.materials, "Số người được giới thiệu, chuyển gửi hỗ trợ": dash.referred,
      });

      const t2 = doc.table("Bảng 2.");
      expect(t2[0]).toEqual(["Quý", "Số tổ đang hoạt động", "Số tổ có ít nhất 01 buổi", "Tỷ lệ (%)"]);
      expect(t2.slice(1, -1)).toHaveLength(quartersIn(from, today).length);
      const whole = t2.at(-1)!;
      expect(whole.slice(0, 3)).toEqual(["Cả kỳ báo cáo", String(dash.teams), String(dash.teamsWithSession)]);
      expect(number(whole[3]!)).toBeCloseTo((dash.teamsWithSession! / dash.teams!) * 100, 0);
      for (const q of t2.slice(1, -1)) expect(number(q[2]!)).toBeLessThanOrEqual(number(q[1]!));

      const labels = async (group: string) => JSON.parse((await import("node:fs")).readFileSync("locales/vi/report.json", "utf8"))[group] as Record<string, string>;
      expect(rowsAsKeys(doc.table("Bảng 3."), await labels("topic"), "topic")).toEqual(pickPrefix(dash, "topic"));
      expect(rowsAsKeys(doc.table("Bảng 4."), await labels("format"), "format")).toEqual(pickPrefix(dash, "format"));
      const resources = doc.table("Bảng 5.");
      expect(rowsAsKeys(resources.slice(0, 1 + 3), await labels("equipment"), "equipment")).toEqual(pickPrefix(dash, "equipment"));
      expect(rowsAsKeys([resources[0]!, ...resources.slice(4)], await labels("material"), "material")).toEqual(pickPrefix(dash, "material"));
      expect(rowsAsKeys(doc.table("Bảng 6."), await labels("case"), "case")).toEqual(pickPrefix(dash, "case"));
      expect(rowsAsKeys(doc.table("Bảng 7."), await labels("place"), "place")).toEqual(pickPrefix(dash, "place"));

      // The areas one level down add up to the whole.
      const areas = doc.table("Bảng 8.").slice(1);
      expect(areas.reduce((s, r) => s + number(r[1]!), 0)).toBe(dash.sessions);
      expect(areas.reduce((s, r) => s + number(r[2]!), 0)).toBe(dash.total);

      // The chart image, its table, the marked blanks, and Form 2.8 named but not built.
      expect(doc.html).toMatch(/<img [^>]*src="data:image\/png;base64,/);
      expect(doc.table("Biểu đồ:").slice(1).reduce((s, r) => s + number(r[1]!), 0)).toBe(dash.sessions);
      expect(doc.html.match(/\[CÁN BỘ ĐIỀN:/g)?.length).toBeGreaterThanOrEqual(11);
      expect(doc.html).toContain("Biểu số 2.8, Phụ lục 02, Thông tư 01/2022/TT-UBDT");
      expect(doc.html).toContain("không tự lập biểu");
      // Counts, never names: no leader account or person's id in the file.
      expect(doc.html).not.toMatch(/demo-leader|demo-\d/);
    });
  }

  it("is audited, and outside the officer's area it reads as nothing", async () => {
    const c = await client("province_staff", "12");
    const { doc } = await both(c, `${PERIOD}&area=14`);
    // A province officer asking for another province gets her own province (filters clamp to scope).
    expect(doc.html).toContain("Lai Châu");
    const rows = await server.database.db.auditLog.findMany({ where: { action: "export" } });
    expect(rows.some((r) => (r.detail ?? "").includes('"kind":"upward"'))).toBe(true);
  });
});
