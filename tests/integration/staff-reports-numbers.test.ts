// The dashboard, the CSV and the XLSX show the same numbers for the same filters, because all
// three read src/staff/reports/aggregate.ts. Checked on generated data, for three roles.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_KINDS, EQUIPMENT_CODES, FORMAT_CODES, MATERIAL_CODES, REFERRAL_PLACES, TOPIC_CODES } from "../../src/flows/report/types.js";
import { quarterOf, vnDate } from "../../src/flows/report/quarter.js";
import type { Db } from "../../src/db/client.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";
import { defaultAreas } from "../../src/areas/index.js";

const provinceOf = (communeCode: string) => defaultAreas().communesByCode.get(communeCode)!.provinceCode;

let server: TestServer;
let db: Db;
const PERIOD = "from=2026-04-01&to=2026-06-30";
const COMMUNES = ["03295", "03253", "03394"];
const KEYS = ["teams", "teamsWithSession", "sessions", "total", "women", "men", "ethnicMinority", "childrenUnder16", "menPioneerSessions", "materials", "referred", "sessionsAskedCases"] as const;
/** The code-keyed columns after KEYS, in the export's order, keyed as the dashboard's data-key. */
const GROUPS: [string, readonly string[]][] = [["case", CASE_KINDS], ["place", REFERRAL_PLACES], ["equipment", EQUIPMENT_CODES], ["material", MATERIAL_CODES], ["topic", TOPIC_CODES]];
const CODED = GROUPS.flatMap(([g, codes]) => codes.map((c) => `${g}:${c}`));
type Numbers = Record<(typeof KEYS)[number] | `topic:${string}`, number>;

/** A small deterministic generator (mulberry32): the same data on every run. */
function rng(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

async function client(role: "centre_admin" | "province_staff" | "commune_staff", areaCode?: string): Promise<StaffClient> {
  const s = await makeStaff(db, { role, areaCode });
  const c = new StaffClient(server.url);
  await c.login(s.email);
  return c;
}

function fromDashboard(html: string): Numbers {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/data-(?:stat|key)="([^"]+)" data-value="(\d+)"/g)) out[m[1]!] ??= Number(m[2]);
  return out as Numbers;
}

/** The aggregate's header + the row whose first cells match, as numbers keyed like the dashboard. */
function aggregateRow(rows: unknown[][], first: string, second = ""): Numbers {
  // Columns: Tỉnh, Mã tỉnh, Xã, Mã xã, then the counts.
  const at = rows.findIndex((r) => r[0] === "Tỉnh" && r[1] === "Mã tỉnh" && r[2] === "Xã" && r[3] === "Mã xã");
  const row = rows.slice(at + 1).find((r) => r[0] === first && (r[2] ?? "") === second)!;
  const out: Record<string, number> = {};
  KEYS.forEach((k, i) => (out[k] = Number(row[i + 4])));
  CODED.forEach((key, i) => (out[key] = Number(row[KEYS.length + 4 + i])));
  return out as Numbers;
}

async function xlsxRows(c: StaffClient, path: string): Promise<ExcelJS.CellValue[][]> {
  const res = await c.request("GET", path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  expect(wb.worksheets).toHaveLength(1);
  const rows: ExcelJS.CellValue[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => (rows[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1)));
  return Array.from(rows, (r) => r ?? []);
}

const pick = (n: Numbers) => Object.fromEntries(Object.entries(n).filter(([k]) => (KEYS as readonly string[]).includes(k) || CODED.includes(k)));

beforeAll(async () => {
  server = await startTestServer();
  db = server.database.db;
  const r = rng(8);
  let ref = 0;
  for (const communeCode of COMMUNES) {
    for (let t = 0; t < 3; t++) {
      const team = await db.team.create({ data: { name: `Tổ ${communeCode} ${t}`, provinceCode: provinceOf(communeCode), communeCode, active: t < 2 || communeCode !== COMMUNES[0] } });
      const sessions = t === 2 ? 0 : 2 + r(5);
      for (let s = 0; s < sessions; s++) {
        const women = r(40);
        const men = r(30);
        const topics = [...new Set([TOPIC_CODES[r(TOPIC_CODES.length)]!, TOPIC_CODES[r(TOPIC_CODES.length)]!])];
        const day = `2026-0${4 + r(3)}-${String(1 + r(28)).padStart(2, "0")}`;
        // Every third report is on the old form: the newer fields unset.
        const newer = r(3) > 0
          ? {
              menPioneers: r(2) === 0, equipment: JSON.stringify(EQUIPMENT_CODES.filter(() => r(2) === 0)), materialKinds: JSON.stringify(MATERIAL_CODES.filter(() => r(3) === 0)),
              materials: r(50), casesDetected: JSON.stringify(Object.fromEntries(CASE_KINDS.filter(() => r(3) === 0).map((k) => [k, 1 + r(3)]))),
              referredTo: JSON.stringify(Object.fromEntries(REFERRAL_PLACES.filter(() => r(3) === 0).map((k) => [k, 1 + r(2)]))),
            }
          : {};
        await db.sessionReport.create({
          data: {
            reference: `BC-N${String(++ref).padStart(5, "0")}`, teamId: team.id, provinceCode: team.provinceCode, communeCode, sessionDate: day, village: `Bản ${r(9)}`,
            topics: JSON.stringify(topics), format: FORMAT_CODES[r(FORMAT_CODES.length)]!, total: women + men, women, men, ethnicMinority: r(women + men + 1),
            childrenUnder16: r(10), languages: '["vi"]', referred: r(3), reporterChannel: "zalo", reporterUserId: `u${t}`, notes: r(4) === 0 ? "=1+1" : null,
            ...newer,
          },
        });
      }
    }
  }
});
afterAll(async () => {
  await server?.close();
});

describe("dashboard == CSV == XLSX", () => {
  const cases: [string, "centre_admin" | "province_staff" | "commune_staff", string | undefined, string, string][] = [
    ["centre, everything", "centre_admin", undefined, "", "Tổng cộng"],
    ["centre, one province", "centre_admin", undefined, "&area=12", "Tổng cộng"],
    ["province staff", "province_staff", "11", "", "Tổng cộng"],
    ["commune staff", "commune_staff", "03295", "", "Tổng cộng"],
    ["centre, one topic", "centre_admin", undefined, "&topic=tao-hon", "Tổng cộng"],
  ];
  it.each(cases)("%s", async (_name, role, area, extra, totalLabel) => {
    const c = await client(role, area);
    const dash = fromDashboard((await c.get(`/staff/reports/dashboard?${PERIOD}${extra}`)).text);
    const csvAgg = parse((await c.get(`/staff/reports/export.csv?${PERIOD}${extra}&kind=aggregate`)).text, { bom: true }) as string[][];
    const xlsxAgg = await xlsxRows(c, `/staff/reports/export.xlsx?${PERIOD}${extra}&kind=aggregate`);
    const csvTotal = aggregateRow(csvAgg, totalLabel);
    const xlsxTotal = aggregateRow(xlsxAgg, totalLabel);
    expect(csvTotal.sessions).toBeGreaterThan(0);
    expect(pick(dash)).toEqual(csvTotal);
    expect(xlsxTotal).toEqual(csvTotal);

    // The raw exports add up to the same totals, row by row.
    const [head, ...raw] = parse((await c.get(`/staff/reports/export.csv?${PERIOD}${extra}`)).text, { bom: true }) as string[][];
    const [xHead, ...xRaw] = await xlsxRows(c, `/staff/reports/export.xlsx?${PERIOD}${extra}`);
    expect(xHead).toEqual(head);
    const sum = (rows: unknown[][], col: string) => rows.reduce((s, r) => s + Number(r[head!.indexOf(col)] ?? 0), 0);
    for (const [col, key] of [["Tổng số người", "total"], ["Nữ", "women"], ["Nam", "men"], ["Dân tộc thiểu số", "ethnicMinority"], ["Trẻ em dưới 16 tuổi", "childrenUnder16"], ["Người được giới thiệu hỗ trợ", "referred"],
      ["Tài liệu", "materials"], ["Phát hiện: Bạo lực", "case:bao-luc"], ["Phát hiện: Tảo hôn", "case:tao-hon"], ["Chuyển gửi: Địa chỉ tin cậy", "place:dctc"], ["Chuyển gửi: Tổng đài 111", "place:111"]] as const) {
      expect(sum(raw, col), col).toBe(csvTotal[key as keyof Numbers]);
      expect(sum(xRaw, col), col).toBe(csvTotal[key as keyof Numbers]);
    }
    expect(raw.filter((row) => row[head!.indexOf("Nam giới tiên phong")] === "Có")).toHaveLength(csvTotal.menPioneerSessions);
    const coded = csvTotal as Record<string, number>;
    expect((coded["case:bao-luc"] ?? 0) + (coded["place:dctc"] ?? 0)).toBeGreaterThan(0);
    expect(raw).toHaveLength(csvTotal.sessions);
    expect(xRaw).toHaveLength(csvTotal.sessions);
  });

  it("each commune row equals that commune's dashboard, and province rows add up", async () => {
    const c = await client("centre_admin");
    const csvAgg = parse((await c.get(`/staff/reports/export.csv?${PERIOD}&kind=aggregate`)).text, { bom: true }) as string[][];
    expect(csvAgg.slice(0, 6).join("\n")).toMatch(/Biểu số 2\.8.*CHƯA được xác nhận/);
    for (const [code, province, commune] of [["03295", "Điện Biên", "Quài Tở"], ["03394", "Lai Châu", "Sin Suối Hồ"]] as const) {
      const dash = fromDashboard((await c.get(`/staff?${PERIOD}&area=${code}`)).text);
      expect(pick(dash)).toEqual(aggregateRow(csvAgg, province, commune));
    }
    const db1 = aggregateRow(csvAgg, "Điện Biên", "Toàn tỉnh");
    const parts = [aggregateRow(csvAgg, "Điện Biên", "Quài Tở"), aggregateRow(csvAgg, "Điện Biên", "Tuần Giáo")];
    for (const k of KEYS) expect(db1[k]).toBe(parts[0]![k] + parts[1]![k]);
    // Quài Tở has an inactive third team: 2 teams, and never more teams with a session than teams.
    expect(parts[0]!.teams).toBe(2);
    expect(db1.teamsWithSession).toBeLessThanOrEqual(db1.teams);
  });

  it("XLSX keeps numbers as numbers, days as dates, and '=' text as text", async () => {
    const c = await client("centre_admin");
    const res = await c.request("GET", `/staff/reports/export.xlsx?${PERIOD}`);
    expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Báo cáo");
    const row = ws.getRow(2);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(12).type).toBe(ExcelJS.ValueType.Number); // Tổng số người, after the names, codes and former names
    let formulaText = 0;
    ws.eachRow((r) => r.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      if (cell.value === "=1+1") formulaText++;
    }));
    expect(formulaText).toBeGreaterThan(0);
  });

  it("defaults to the current quarter in Vietnam time; the list pages by 50", async () => {
    const team = await db.team.create({ data: { name: "Tổ Dào San", provinceCode: "12", communeCode: "03571" } });
    const today = vnDate(new Date());
    const base = { teamId: team.id, provinceCode: "12", communeCode: "03571", village: "Bản A", topics: '["khac"]', format: "loa", total: 1, women: 1, men: 0, ethnicMinority: 0, childrenUnder16: 0, languages: '["vi"]', reporterChannel: "zalo", reporterUserId: "x" };
    await db.sessionReport.create({ data: { ...base, reference: "BC-TODAY1", sessionDate: today } });
    await db.sessionReport.createMany({ data: Array.from({ length: 52 }, (_, i) => ({ ...base, reference: `BC-P${i}`, sessionDate: "2025-05-01" })) });
    const c = await client("commune_staff", "03571");
    const home = await c.get("/staff");
    const q = quarterOf(new Date());
    expect(home.text).toContain(`name="from" value="${q.start}"`);
    expect(fromDashboard(home.text).sessions).toBe(1);
    const p1 = await c.get("/staff/reports?from=2025-04-01&to=2025-06-30");
    expect(p1.text.match(/>BC-P\d+</g)).toHaveLength(50);
    const p2 = await c.get("/staff/reports?from=2025-04-01&to=2025-06-30&page=2");
    expect(p2.text.match(/>BC-P\d+</g)).toHaveLength(2);
    expect(p2.text).toContain('rel="prev"');
    // Dates the wrong way round are swapped; a long period is charted per year; a non-date falls back to the quarter.
    expect(fromDashboard((await c.get(`/staff?from=${today}&to=2025-01-01`)).text).sessions).toBe(53);
    expect((await c.get("/staff?from=2000-01-01&to=2026-12-31")).text).toMatch(/Số buổi theo năm[\s\S]*>2025<\/td><td class="num">52</);
    expect((await c.get("/staff?from=2026-02-30&to=x")).text).toContain(`name="to" value="${q.end}"`);
  });
});
