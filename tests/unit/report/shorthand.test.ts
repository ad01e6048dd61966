import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENTRIES } from "../../../src/flows/report/shorthand-lexicon.js";
import { parseShorthand, printShorthand, REQUIRED_FIELDS, type ShorthandContext } from "../../../src/flows/report/shorthand.js";
import { FORMAT_CODES, LANGUAGE_CODES, TOPIC_CODES, type ReportField, type SessionReport } from "../../../src/flows/report/types.js";

const VILLAGES = ["Nậm Xe", "Nà Sáy", "Huổi Luông", "Sì Lở Lầu", "Bản Lang", "Nam Cang", "Thôn 3"];
const CTX: ShorthandContext = { today: "2026-06-20", villages: VILLAGES };

const EXAMPLE: SessionReport = {
  date: "2026-06-12",
  village: "Nậm Xe",
  topics: ["tao-hon"],
  format: "san-khau-hoa",
  participants: { total: 45, women: 30, men: 15, ethnicMinority: 40, childrenUnder16: 0 },
  languages: ["hmong"],
  materials: null,
  referred: 0,
  menPioneers: null,
  equipment: [],
  materialKinds: [],
  casesDetected: null,
  referredTo: null,
  photos: [],
  notes: null,
};
const P = EXAMPLE.participants;

type Problem = { field: ReportField; token: string; reason: string };
interface Row {
  line: string;
  today?: string;
  villages?: string[];
  report?: Partial<SessionReport>;
  missing?: ReportField[];
  problems?: Problem[];
  unknown?: string[];
}

const TAIL = "tao hon sk 45 nguoi nu30 nam15 dtts40 hmong"; // every field but date and village
const rows: Record<string, Row> = {
  "the issue's example": { line: "BC 12/6 Nam Xe tao hon, san khau 45 nguoi nu30 nam15 dtts40 hmong", report: EXAMPLE },
  "fields in another order": { line: "BC hmong dtts40 nam15 nu30 45 nguoi san khau tao hon Nam Xe 12/6", report: EXAMPLE },
  "with diacritics": { line: "Báo cáo 12/6 Nậm Xe tảo hôn, sân khấu hóa 45 người nữ 30 nam 15 DTTS 40 H'Mông", report: EXAMPLE },
  "all capitals": { line: "BC 12/6 NAM XE TAO HON SAN KHAU 45 NGUOI NU30 NAM15 DTTS40 HMONG", report: EXAMPLE },
  "semicolons, dots and dashes": { line: "bc;12-6;nam xe;tao hon.san khau - 45 nguoi, nu 30; nam 15; dtts 40; hmong", report: EXAMPLE },
  "dashes as bullets": { line: "BC -12/6 -Nam Xe -tao hon -sk -45 nguoi -nu-30 -nam-15 -dtts-40 -hmong", report: EXAMPLE },
  "numbers before their words": { line: "BC 12/6 Nam Xe tao hon sk 45 người, 30 nữ, 15 nam, 40 dtts, hmong", report: EXAMPLE },
  "a run written number-first": { line: "BC 12/6 Nam Xe tao hon sk 30 nu 15 nam 40 dtts 45 nguoi hmong", report: EXAMPLE },
  "colons": { line: "BC ngày 12/06 thôn Nậm Xe; chủ đề: tảo hôn; hình thức: sk; tổng: 45; nữ: 30; nam: 15; dtts: 40; tiếng: Mông", report: EXAMPLE },
  "typed with no spaces": {
    line: "bc hn namxe taohon sankhau t45 nu30 nam15 dtts40 u16 10 h'mong",
    report: { ...EXAMPLE, date: "2026-06-20", participants: { ...P, childrenUnder16: 10 } },
  },
  "hôm qua, tổng, trẻ em, materials, referred": {
    line: "BC hôm qua Huổi Luông tảo hôn sk tổng 45 người nữ 30 nam 15 dtts 40 trẻ em 5 tiếng Việt, Thái tl5 cg2",
    report: { ...EXAMPLE, date: "2026-06-19", village: "Huổi Luông", participants: { ...P, childrenUnder16: 5 }, languages: ["vi", "thai"], materials: 5, referred: 2 },
  },
  "long forms of materials and referred": { line: `BC hq Nam Xe ${TAIL} tai lieu 7 chuyen gui 1`, report: { date: "2026-06-19", materials: 7, referred: 1 } },
  "gioi thieu N is referred, gioi thieu dctc a topic": {
    line: "BC 12/6 Nam Xe gioi thieu dctc sk 45ng nu30 nam15 dtts40 hmong gioi thieu 3",
    report: { topics: ["dia-chi-tin-cay"], referred: 3 },
  },
  "several topics and languages in order": {
    line: "BC 12/6 Nam Xe tao hon, can huyet, bldg, 04 goi sk 45ng nu30 nam15 dtts40 tieng viet, thai, dao",
    report: { topics: ["tao-hon", "can-huyet", "bao-luc-gia-dinh", "goi-chinh-sach"], languages: ["vi", "thai", "dao"] },
  },
  "mua ban nguoi next to a head count": { line: "BC 12/6 Nam Xe mua ban nguoi sk 45 nguoi nu30 nam15 dtts40 kinh", report: { topics: ["mua-ban-nguoi"], languages: ["vi"], participants: P } },
  "a two-digit year": { line: `BC 12/6/25 Nam Xe ${TAIL}`, report: { date: "2025-06-12" } },
  "a four-digit year": { line: `BC 12/06/2026 Nam Xe ${TAIL}`, report: { date: "2026-06-12" } },
  "no year: today itself": { line: `BC 20/6 Nam Xe ${TAIL}`, report: { date: "2026-06-20" } },
  "no year: a day after today is last year's": { line: `BC 21/6 Nam Xe ${TAIL}`, report: { date: "2025-06-21" } },
  "no year around New Year": { line: `BC 28/12 Nam Xe ${TAIL}`, today: "2026-01-03", report: { date: "2025-12-28" } },
  "no year: 29/2 is the last leap day": { line: `BC 29/2 Nam Xe ${TAIL}`, today: "2026-03-10", report: { date: "2024-02-29" } },
  "31/2 is a date problem, not a missing date": { line: `BC 31/2 Nam Xe ${TAIL}`, problems: [{ field: "date", token: "31/2", reason: "invalid_date" }] },
  "month 13": { line: `BC 12/13 Nam Xe ${TAIL}`, problems: [{ field: "date", token: "12/13", reason: "invalid_date" }] },
  "a year out of range": { line: `BC 12/6/1999 Nam Xe ${TAIL}`, problems: [{ field: "date", token: "12/6/1999", reason: "year_out_of_range" }] },
  "two different dates": { line: `BC 12/6 hom nay Nam Xe ${TAIL}`, problems: [{ field: "date", token: "12/6, hom nay", reason: "conflict" }] },
  "a village with one typo": { line: `BC 12/6 Huoi Luog ${TAIL}`, report: { village: "Huổi Luông" } },
  "no typo in words under four letters": { line: `BC 12/6 Na Sy ${TAIL}`, missing: ["village"], unknown: ["Na Sy"] },
  "the longest village wins": { line: `BC 12/6 Si Lo Lau ${TAIL}`, villages: ["Sì Lở", "Sì Lở Lầu"], report: { village: "Sì Lở Lầu" } },
  "a village with a number": { line: `BC 12/6 thon 3 ${TAIL}`, report: { village: "Thôn 3", participants: P } },
  "a village starting with 'Bản'": { line: `BC 12/6 bản Lang ${TAIL}`, report: { village: "Bản Lang" } },
  "Nam Cang and nam 15": { line: "BC 12/6 Nam Cang can huyet sk tong 45 nu 30 nam 15 dtts 40 dao", report: { village: "Nam Cang", topics: ["can-huyet"], participants: P } },
  "'nam can huyet' is not a typo of Nam Cang": { line: "BC 12/6 Nậm Xe nam can huyet sk 45ng nu30 nam15 dtts40 dao", report: { village: "Nậm Xe", topics: ["can-huyet"] }, unknown: ["nam"] },
  "'nam' without a number is not men": { line: "BC 12/6 Nam Xe tao hon sk tong45 nu30 dtts40 hmong nam", problems: [{ field: "participants", token: "tong45 nu30 dtts40", reason: "incomplete" }], unknown: ["nam"] },
  "'Nậm 15' is not men": { line: "BC Nậm 15", missing: ["date", "village", "topics", "format", "participants", "languages"], unknown: ["Nậm", "15"] },
  "tt before a language is 'tiếng'": { line: "BC 12/6 Nam Xe tao hon tt mong 45 nguoi nu30 nam15 dtts40", report: { languages: ["hmong"] }, missing: ["format"] },
  "tt alone is trực tiếp": { line: "BC 12/6 Nam Xe tao hon tt 45 nguoi nu30 nam15 dtts40 mong", report: { format: "truc-tiep" } },
  "tt yields to another format word": { line: "BC 12/6 Nam Xe tao hon tt san khau 45 nguoi nu30 nam15 dtts40 mong", report: { format: "san-khau-hoa" } },
  "chợ is the market": { line: "BC 12/6 Nam Xe tao hon chợ 45 nguoi nu30 nam15 dtts40 mong", report: { format: "phien-cho" } },
  "cho before a number is 'for'": { line: "BC 12/6 Nam Xe tao hon tuyen truyen cho 45 nguoi nu30 nam15 dtts40 mong", missing: ["format"], report: { participants: P } },
  "two formats conflict": { line: "BC 12/6 Nam Xe tao hon sk loa 45 nguoi nu30 nam15 dtts40 mong", problems: [{ field: "format", token: "sk, loa", reason: "conflict" }] },
  "two villages conflict": { line: `BC 12/6 Nam Xe Na Say ${TAIL}`, problems: [{ field: "village", token: "Nam Xe, Na Say", reason: "conflict" }] },
  "the same value twice is fine": { line: `BC 12/6 Nam Xe sk san khau nu30 30 nu ${TAIL}`, report: EXAMPLE },
  "two different counts conflict": { line: `BC 12/6 Nam Xe ${TAIL} nu 25`, problems: [{ field: "participants", token: "nu30, nu 25", reason: "conflict" }] },
  "women + men ≠ total is for the flow": { line: "BC 12/6 Nam Xe tao hon sk tong45 nu30 nam20 dtts40 hmong", report: { participants: { ...P, men: 20 } } },
  "an absurd count": { line: `BC 12/6 Nam Xe tao hon sk tong 45000 nu30 nam15 dtts40 hmong`, problems: [{ field: "participants", token: "tong 45000", reason: "too_large" }] },
  "a negative count": { line: `BC 12/6 Nam Xe tao hon sk tong45 nu -5 nam15 dtts40 hmong`, problems: [{ field: "participants", token: "nu -5", reason: "negative" }] },
  "a bad materials count": { line: `BC 12/6 Nam Xe ${TAIL} tl 123456789`, problems: [{ field: "materials", token: "tl 123456789", reason: "too_large" }] },
  "only the village and date": { line: "BC 12/6 Nam Xe", missing: ["topics", "format", "participants", "languages"], report: { date: "2026-06-12", village: "Nậm Xe" } },
  "a bare BC: everything missing": { line: "BC", missing: REQUIRED_FIELDS },
  "a village not in the team's list": { line: `BC 12/6 Mường So ${TAIL}`, missing: ["village"], unknown: ["Mường So"] },
  "unknown words and equipment": { line: `BC 12/6 Nam Xe ${TAIL} loa kéo xyz`, report: { format: "san-khau-hoa", equipment: ["loa-keo"] }, unknown: ["xyz"] },
  "men as pioneers": { line: `BC 12/6 Nam Xe ${TAIL} nam giới tiên phong`, report: { menPioneers: true, participants: P } },
  "equipment and material kinds": {
    line: `BC 12/6 Nam Xe ${TAIL} loa cam tay, may chieu mini; to roi 50 ap phich video`,
    report: { equipment: ["loa-cam-tay", "may-chieu"], materialKinds: ["to-roi", "ap-phich", "video"], materials: 50 },
  },
  "leaflets without a number name the kind only": { line: `BC 12/6 Nam Xe ${TAIL} to roi`, report: { materialKinds: ["to-roi"], materials: null } },
  "cases by kind and where they went": {
    line: `BC 12/6 Nam Xe ${TAIL} phbl2 phth1 cgdctc1 cg ca 1`,
    report: { casesDetected: { "bao-luc": 2, "tao-hon": 1 }, referredTo: { dctc: 1, "cong-an": 1 }, referred: 2 },
  },
  "cases in words": {
    line: `BC 12/6 Nam Xe ${TAIL} phát hiện mua bán người 1, chuyển gửi tổng đài 1, cg y te 1`,
    report: { casesDetected: { "mua-ban-nguoi": 1 }, referredTo: { "111": 1, "y-te": 1 }, referred: 2 },
  },
  "a total referred beside the places stands": { line: `BC 12/6 Nam Xe ${TAIL} phk3 cg3 cgdctc1`, report: { casesDetected: { khac: 3 }, referredTo: { dctc: 1 }, referred: 3 } },
  "zero cases said": { line: `BC 12/6 Nam Xe ${TAIL} phbl0`, report: { casesDetected: {}, referredTo: null, referred: 0 } },
  "an absurd case count": { line: `BC 12/6 Nam Xe ${TAIL} phbl 123456`, problems: [{ field: "casesDetected", token: "phbl 123456", reason: "too_large" }] },
  "docs example 6": {
    line: "BC hq Nà Sáy bldg hop ban 52ng nu30 nam22 dtts50 thai ntp loa keo to roi 40 phbl1 cgdctc1",
    report: {
      date: "2026-06-19", village: "Nà Sáy", topics: ["bao-luc-gia-dinh"], format: "hop-thon", languages: ["thai"], menPioneers: true,
      equipment: ["loa-keo"], materialKinds: ["to-roi"], materials: 40, casesDetected: { "bao-luc": 1 }, referredTo: { dctc: 1 }, referred: 1,
    },
  },
  "notes to the end of the line": {
    line: "BC 12/6 Nam Xe tao hon gc: trời mưa, sk ít người\nsk 45ng nu30 nam15 dtts40 hmong",
    report: { ...EXAMPLE, notes: "trời mưa, sk ít người" },
  },
  "ghi chú with diacritics": { line: `BC 12/6 Nam Xe ${TAIL} Ghi chú: Mời thêm Đồn biên phòng`, report: { notes: "Mời thêm Đồn biên phòng" } },
  "ngày glued to the date": { line: `BC ngày12/6 Nam Xe ${TAIL}`, report: { date: "2026-06-12" } },
  "docs example 2": {
    line: "Báo cáo hôm qua bản Lang; chợ; bldg, 04 gói; 60 người, 35 nữ, 25 nam, 58 DTTS, 12 trẻ em; tiếng Mông, Kinh; tl 40; gc: có cán bộ y tế xã",
    report: {
      date: "2026-06-19", village: "Bản Lang", topics: ["bao-luc-gia-dinh", "goi-chinh-sach"], format: "phien-cho",
      participants: { total: 60, women: 35, men: 25, ethnicMinority: 58, childrenUnder16: 12 }, languages: ["hmong", "vi"],
      materials: 40, referred: 0, notes: "có cán bộ y tế xã",
    },
  },
  "docs example 3": { line: "BC hn namxe taohon sk t45 nu30 nam15 dtts40 u16 10 h'mong cg1", report: { date: "2026-06-20", referred: 1 } },
  "docs example 4": {
    line: "BC 31/2 Nam Cang can huyet tt mong 30 nu",
    report: { village: "Nam Cang", topics: ["can-huyet"], languages: ["hmong"] },
    missing: ["format"],
    problems: [{ field: "date", token: "31/2", reason: "invalid_date" }, { field: "participants", token: "nu30", reason: "incomplete" }],
  },
  "docs example 5": {
    line: "BC 12/6 Muong So tao hon sk loa 45ng nu30 nam15 dtts40 thai loa keo",
    missing: ["village"],
    problems: [{ field: "format", token: "sk, loa", reason: "conflict" }],
    report: { equipment: ["loa-keo"] },
    unknown: ["Muong So"],
  },
  "an empty note is no note": { line: `BC 12/6 Nam Xe ${TAIL} gc:   `, report: { notes: null } },
};

function parse(line: string, ctx: ShorthandContext = CTX) {
  const r = parseShorthand(line, ctx);
  if (r.kind !== "parsed") throw new Error(`expected parsed, got ${r.kind}`);
  return r;
}

describe("parseShorthand: lines", () => {
  it.each(Object.entries(rows))("%s", (_name, row) => {
    const r = parse(row.line, { today: row.today ?? CTX.today, villages: row.villages ?? VILLAGES });
    if (row.report) expect(r.report).toMatchObject(row.report);
    expect(r.missing).toEqual(row.missing ?? []);
    expect(r.problems).toEqual(row.problems ?? []);
    expect(r.unknown).toEqual(row.unknown ?? []);
    // Every required field is in exactly one place.
    for (const f of REQUIRED_FIELDS) {
      const places = [r.report[f] !== undefined, r.missing.includes(f), r.problems.some((p) => p.field === f)];
      expect(places.filter(Boolean), f).toHaveLength(1);
    }
  });

  it.each(["BC ?", "bc?", "BC help", "báo cáo hướng dẫn", "BC hd ?", " Bc  ? "])("%j asks for help", (line) => {
    expect(parseShorthand(line, CTX)).toEqual({ kind: "help" });
  });

  it.each(["", "Xin chào", "abc BC 12/6", "BCD 12/6 Nam Xe", "bcao 12/6", "12/6 Nam Xe tao hon"])("%j is not shorthand", (line) => {
    expect(parseShorthand(line, CTX)).toEqual({ kind: "not_shorthand" });
  });

  it("defaults: children 0 and referred 0 when not said, materials null, photos empty", () => {
    const r = parse("BC 12/6 Nam Xe tao hon sk 45 nguoi nu30 nam15 dtts40 hmong");
    expect(r.report).toEqual(EXAMPLE);
  });

  it("rejects a malformed today, a programming error", () => {
    expect(() => parseShorthand("BC", { today: "20/6/2026", villages: [] })).toThrow(RangeError);
  });
});

describe("lexicon", () => {
  it("reads every topic, format and language from its printed form", () => {
    const base = { ...EXAMPLE };
    for (const topics of TOPIC_CODES.map((c) => [c])) expect(parse(printShorthand({ ...base, topics })).report.topics).toEqual(topics);
    for (const format of FORMAT_CODES) expect(parse(printShorthand({ ...base, format })).report.format).toBe(format);
    for (const l of LANGUAGE_CODES) expect(parse(printShorthand({ ...base, languages: [l] })).report.languages).toEqual([l]);
  });

  it.each([
    ["tao hon", "topics", ["tao-hon"]], ["can huyet", "topics", ["can-huyet"]], ["bạo lực gia đình", "topics", ["bao-luc-gia-dinh"]],
    ["blgd", "topics", ["bao-luc-gia-dinh"]], ["mbn", "topics", ["mua-ban-nguoi"]], ["di cu", "topics", ["mua-ban-nguoi"]],
    ["sinh de", "topics", ["sinh-de-an-toan"]], ["de an toan", "topics", ["sinh-de-an-toan"]], ["sinh con nhieu", "topics", ["sinh-con-nhieu"]],
    ["bo hoc", "topics", ["bo-hoc"]], ["4 goi", "topics", ["goi-chinh-sach"]], ["goi chinh sach", "topics", ["goi-chinh-sach"]],
    ["luat pcbldg", "topics", ["luat-pcblgd"]], ["ky nang", "topics", ["ky-nang-hon-nhan"]], ["tien hon nhan", "topics", ["ky-nang-hon-nhan"]],
    ["dctc", "topics", ["dia-chi-tin-cay"]], ["dia chi tin cay", "topics", ["dia-chi-tin-cay"]], ["dinh kien", "topics", ["dinh-kien-gioi"]],
    ["khuon mau gioi", "topics", ["dinh-kien-gioi"]], ["tap tuc", "topics", ["tap-tuc-co-hai"]], ["khac", "topics", ["khac"]],
    ["sân khấu hóa", "format", "san-khau-hoa"], ["truc tiep", "format", "truc-tiep"], ["hop thon", "format", "hop-thon"],
    ["hop ban", "format", "hop-thon"], ["long ghep", "format", "hop-thon"], ["phien cho", "format", "phien-cho"],
    ["le hoi", "format", "phien-cho"], ["loa phat thanh", "format", "loa"], ["zalo", "format", "mang-xa-hoi"],
    ["facebook", "format", "mang-xa-hoi"], ["online", "format", "mang-xa-hoi"], ["thái", "languages", ["thai"]],
    ["dao", "languages", ["dao"]], ["tv", "languages", ["vi"]], ["tieng khac", "languages", ["khac"]],
  ])("%j → %s %j", (words, field, value) => {
    expect(parse(`BC ${words}`).report[field as ReportField]).toEqual(value);
  });

  it("has no two phrases that read the same words two ways", () => {
    const seen = new Map<string, string>();
    for (const e of ENTRIES) {
      for (const accent of e.accents ?? ["*"]) {
        const key = `${e.words.join(" ")}|${accent}`;
        const meaning = JSON.stringify(e.meaning);
        expect(seen.get(key) ?? meaning, key).toBe(meaning);
        seen.set(key, meaning);
      }
    }
  });
});

describe("docs/shorthand.md", () => {
  it("shows only worked examples that this table checks", () => {
    const doc = readFileSync("docs/shorthand.md", "utf8");
    const examples = [...doc.matchAll(/^\d\. `(.+)`$/gmu)].map((m) => m[1]);
    expect(examples).toHaveLength(6);
    const lines = new Set(Object.values(rows).map((r) => r.line));
    for (const e of examples) expect(lines.has(e ?? ""), e).toBe(true);
  });
});

describe("locales", () => {
  it.each(["vi", "en"])("%s has the shorthand help, missing and unknown texts", (lang) => {
    const json = JSON.parse(readFileSync(`locales/${lang}/report.json`, "utf8")) as { shorthand: Record<string, unknown> };
    const s = json.shorthand;
    expect(typeof s.help).toBe("string");
    expect(String(s.missing)).toContain("{{fields}}");
    expect(String(s.unknown)).toContain("{{words}}");
    // The example in the help text is itself a complete report.
    const example = /BC [^\n]+/.exec(String(s.help))?.[0] ?? "";
    const r = parse(example, { today: "2026-06-20", villages: ["Nậm Xe"] });
    expect([r.missing, r.problems, r.unknown]).toEqual([[], [], []]);
  });
});
