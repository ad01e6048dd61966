// The words of the one-line report ("BC 12/6 Nam Xe tao hon sk 45 nguoi ..."), folded to ASCII.
// Every phrase is matched whole-word against the folded tokens; the longest match wins, so
// "hop ban" beats the filler "ban" and "tt mong" (tiếng Mông) beats "tt" (trực tiếp).
// Words that are also everyday Vietnamese ("nam", "nu", "tre", "t", "gioi thieu") are count
// keys: they mean something only with a number next to them. docs/shorthand.md is the
// staff-facing copy of this table: change both together.
import { CASE_KINDS, EQUIPMENT_CODES, FORMAT_CODES, LANGUAGE_CODES, MATERIAL_CODES, REFERRAL_PLACES, TOPIC_CODES } from "./types.js";
import type { CaseKind, EquipmentCode, FormatCode, MaterialCode, ReferralPlace, SessionLanguage, TopicCode } from "./types.js";

/** Cases detected by kind ("phbl2") and referred by place ("cgdctc1") are counts too. */
export type CaseKey = `case:${CaseKind}`;
export type PlaceKey = `place:${ReferralPlace}`;
export type CountKey = "total" | "women" | "men" | "ethnicMinority" | "childrenUnder16" | "materials" | "referred" | CaseKey | PlaceKey;

export type Meaning =
  | { kind: "topic"; code: TopicCode }
  /** weak: a loose word ("tt", "cho") that yields to any other format word in the same line */
  | { kind: "format"; code: FormatCode; weak: boolean; fillerBeforeNumber: boolean }
  | { kind: "language"; code: SessionLanguage }
  /** after: "nu30", "nu 30"; before: "30 nu", "45 nguoi"; unit: a filler when its number is taken ("tong 45 nguoi");
   *  material: the word also names a kind of material ("to roi 50": 50 handed out, and they were leaflets) */
  | { kind: "count"; key: CountKey; after: boolean; before: boolean; unit: boolean; material?: MaterialCode }
  | { kind: "equipment"; code: EquipmentCode }
  | { kind: "material"; code: MaterialCode }
  /** nam giới tiên phong: men took part as pioneers */
  | { kind: "pioneers" }
  | { kind: "day"; offset: 0 | -1 }
  | { kind: "filler" }
  /** known words the report has no field for: reported back as not understood */
  | { kind: "unsupported" };

export interface Entry {
  words: readonly string[];
  meaning: Meaning;
  /** when set, the word counts only if typed (lower-cased) exactly like one of these */
  accents?: readonly string[];
}

const TOPIC_WORDS: Record<TopicCode, string[]> = {
  "dinh-kien-gioi": ["dinh kien", "khuon mau gioi", "khuon mau"],
  "tap-tuc-co-hai": ["tap tuc", "hu tuc"],
  "tao-hon": ["tao hon", "ket hon som", "cuoi som"],
  "can-huyet": ["can huyet", "hon nhan can huyet", "ket hon can huyet"],
  "sinh-de-an-toan": ["sinh de", "de an toan", "sinh de tai nha", "de tai nha", "kham thai", "mang thai"],
  "sinh-con-nhieu": ["sinh nhieu con", "de nhieu"],
  "bo-hoc": ["viec lam", "khong co viec lam"],
  "bao-luc-gia-dinh": ["bao luc", "bldg", "blgd"],
  "mua-ban-nguoi": ["mbn", "di cu", "di cu khong an toan", "buon ban nguoi", "buon nguoi"],
  "goi-chinh-sach": ["04 goi", "4 goi", "04 goi chinh sach", "4 goi chinh sach"],
  "luat-pcblgd": ["luat pcbldg", "pcblgd", "pcbldg", "luat bldg", "luat blgd", "luat bao luc gia dinh",
    "luat phong chong bao luc gia dinh"],
  "ky-nang-hon-nhan": ["ky nang", "tien hon nhan", "truoc hon nhan", "ky nang truoc hon nhan"],
  "dia-chi-tin-cay": ["dctc", "gioi thieu dctc", "gioi thieu dia chi tin cay"],
  khac: ["chu de khac"],
};

interface FormatWords { strong: string[]; weak?: string[] }
const FORMAT_WORDS: Record<FormatCode, FormatWords> = {
  "san-khau-hoa": { strong: ["san khau", "sk", "tieu pham"] },
  "truc-tiep": { strong: ["truyen thong truc tiep"], weak: ["tt"] },
  "hop-thon": { strong: ["hop thon", "hop ban", "long ghep", "long ghep hop thon", "long ghep hop ban"] },
  "phien-cho": { strong: ["le hoi", "cho phien"] }, // plus "cho"/"chợ", below
  loa: { strong: ["loa phat thanh", "phat thanh", "loa truyen thanh", "truyen thanh"] },
  "mang-xa-hoi": { strong: ["mxh", "zalo", "facebook", "fb", "online", "truc tuyen"] },
};

const LANGUAGE_WORDS: Record<SessionLanguage, string[]> = {
  vi: ["tv", "kinh", "tieng kinh", "tieng pho thong", "pho thong", "tt viet", "tt kinh"],
  hmong: ["hmong", "mong", "h mong", "tieng mong", "tieng hmong", "tieng h mong", "tt mong", "tt hmong"],
  thai: ["thai", "tieng thai", "tt thai"],
  dao: ["dao", "tieng dao", "tt dao"],
  khac: ["tieng dan toc khac", "ngon ngu khac", "tt khac", "ha nhi", "tieng ha nhi", "lo lo", "tieng lo lo"],
};

interface CountWords { after: string[]; before?: string[]; units?: string[] }
const COUNT_WORDS: Record<CountKey, CountWords> = {
  total: { after: ["tong", "t", "tong so", "tong cong", "tong so nguoi", "so nguoi"], units: ["nguoi", "ng", "luot", "luot nguoi"] },
  women: { after: ["nu", "phu nu", "nu gioi", "chi em"] },
  men: { after: ["nam gioi"] }, // plus "nam" typed without tone marks, below
  ethnicMinority: { after: ["dtts", "dan toc thieu so", "dan toc"] },
  childrenUnder16: { after: ["tre", "tre em", "u 16", "duoi 16", "tre duoi 16", "tre em duoi 16"] },
  materials: { after: ["tl", "tai lieu"] }, // plus "to roi", "to gap" (leaflets), below
  referred: { after: ["cg", "chuyen gui", "gioi thieu"] },
  // "ph" = phát hiện (detected). "th" alone is never tảo hôn (it reads as thôn, Thái…), but "phth" is unambiguous.
  "case:bao-luc": { after: ["phbl", "ph bl", "ph bao luc", "phat hien bao luc", "phat hien bl"] },
  "case:mua-ban-nguoi": { after: ["phmbn", "ph mbn", "ph mua ban nguoi", "phat hien mua ban nguoi", "phat hien mbn"] },
  "case:tao-hon": { after: ["phth", "ph th", "ph tao hon", "phat hien tao hon"] },
  "case:khac": { after: ["phk", "ph khac", "phat hien khac"] },
  // "cg" + where: ĐCTC, công an, tổng đài 111 ("td": "cg111" would read as 111 people), y tế.
  "place:dctc": { after: ["cgdctc", "cg dctc", "chuyen gui dctc", "cg dia chi tin cay"] },
  "place:cong-an": { after: ["cgca", "cg ca", "cg cong an", "chuyen gui cong an"] },
  "place:111": { after: ["cgtd", "cg td", "cg tong dai", "chuyen gui tong dai"] },
  "place:y-te": { after: ["cgyt", "cg yt", "cg y te", "chuyen gui y te", "cg tram y te"] },
};

const LEAFLET_WORDS = ["to roi", "to gap"];

const EQUIPMENT_WORDS: Record<EquipmentCode, string[]> = {
  "loa-keo": ["loa keo"],
  "loa-cam-tay": ["loa cam tay"],
  "may-chieu": ["may chieu", "may chieu mini"],
};

// Kinds of material without a number; "to roi"/"to gap" are count words that also name leaflets.
const MATERIAL_WORDS: Record<MaterialCode, string[]> = {
  "to-roi": [],
  "ap-phich": ["ap phich", "poster"],
  video: ["video", "clip", "phim ngan"],
  "chuong-trinh-loa": ["chuong trinh loa", "ct loa", "bai phat thanh"],
  "tai-lieu-so": ["tai lieu so", "tl so", "tai lieu dien tu"],
};

const PIONEER_WORDS = ["ntp", "nam tien phong", "nam gioi tien phong", "tien phong"];

const DAY_WORDS: Array<[string, 0 | -1]> = [["hom nay", 0], ["hn", 0], ["hom qua", -1], ["hq", -1]];

const FILLERS = ["ngay", "thon", "ban", "xom", "tai", "o", "va", "trong do", "gom", "co", "chu de", "hinh thuc",
  "ngon ngu", "tieng", "tuyen truyen", "truyen thong", "buoi", "ve", "tham du", "tham gia"];

const UNSUPPORTED: string[] = [];

/** Canonical words printShorthand writes (each parses back to its code). */
export const FORMAT_PRINT: Record<FormatCode, string> = {
  "san-khau-hoa": "san-khau", "truc-tiep": "truc-tiep", "hop-thon": "hop-thon",
  "phien-cho": "phien-cho", loa: "loa", "mang-xa-hoi": "mxh",
};
export const LANGUAGE_PRINT: Record<SessionLanguage, string> = {
  vi: "tieng-viet", hmong: "hmong", thai: "thai", dao: "dao", khac: "tieng-khac",
};
export const COUNT_PRINT: Record<CountKey, string> = {
  total: "tong", women: "nu", men: "nam", ethnicMinority: "dtts", childrenUnder16: "tre", materials: "tl", referred: "cg",
  "case:bao-luc": "phbl", "case:mua-ban-nguoi": "phmbn", "case:tao-hon": "phth", "case:khac": "phk",
  "place:dctc": "cgdctc", "place:cong-an": "cgca", "place:111": "cgtd", "place:y-te": "cgyt",
};
export const PIONEERS_PRINT = "ntp";
export const CASE_KEYS: readonly CaseKey[] = CASE_KINDS.map((k) => `case:${k}` as const);
export const PLACE_KEYS: readonly PlaceKey[] = REFERRAL_PLACES.map((k) => `place:${k}` as const);

function buildEntries(): Entry[] {
  const entries: Entry[] = [];
  const add = (phrase: string, meaning: Meaning, accents?: string[]): void => {
    const words = phrase.split(/[ -]/);
    entries.push(accents ? { words, meaning, accents } : { words, meaning });
  };
  for (const code of TOPIC_CODES) for (const p of [code, ...TOPIC_WORDS[code]]) add(p, { kind: "topic", code });
  for (const code of FORMAT_CODES) {
    const strong = { kind: "format", code, weak: false, fillerBeforeNumber: false } as const;
    for (const p of [code, FORMAT_PRINT[code], ...FORMAT_WORDS[code].strong]) add(p, strong);
    for (const p of FORMAT_WORDS[code].weak ?? []) add(p, { ...strong, weak: true });
  }
  // "chợ" is the market; a bare "cho" may be the market or "for" ("cho 45 người"): weak, and a filler before a number.
  add("cho", { kind: "format", code: "phien-cho", weak: false, fillerBeforeNumber: false }, ["chợ"]);
  add("cho", { kind: "format", code: "phien-cho", weak: true, fillerBeforeNumber: true }, ["cho"]);
  for (const code of LANGUAGE_CODES) {
    for (const p of [LANGUAGE_PRINT[code], ...LANGUAGE_WORDS[code]]) add(p, { kind: "language", code });
  }
  for (const [key, w] of Object.entries(COUNT_WORDS) as Array<[CountKey, CountWords]>) {
    for (const p of w.after) add(p, { kind: "count", key, after: true, before: key !== "total" || p === "so nguoi", unit: false });
    for (const p of w.units ?? []) add(p, { kind: "count", key, after: false, before: true, unit: true });
  }
  for (const p of LEAFLET_WORDS) add(p, { kind: "count", key: "materials", after: true, before: true, unit: false, material: "to-roi" });
  for (const code of EQUIPMENT_CODES) for (const p of [code, ...EQUIPMENT_WORDS[code]]) add(p, { kind: "equipment", code });
  for (const code of MATERIAL_CODES) for (const p of [code, ...MATERIAL_WORDS[code]]) if (code !== "to-roi" || p !== code) add(p, { kind: "material", code });
  for (const p of PIONEER_WORDS) add(p, { kind: "pioneers" });
  // "nam" (men) only as typed without marks: "Nậm", "năm", "nằm" are other words.
  add("nam", { kind: "count", key: "men", after: true, before: true, unit: false }, ["nam"]);
  for (const [p, offset] of DAY_WORDS) add(p, { kind: "day", offset });
  for (const p of FILLERS) add(p, { kind: "filler" });
  for (const p of UNSUPPORTED) add(p, { kind: "unsupported" });
  return withCompactAliases(entries);
}

// "taohon", "sankhau", "homnay": phrases typed without spaces. An alias never shadows a real word.
function withCompactAliases(entries: Entry[]): Entry[] {
  const single = new Set(entries.filter((e) => e.words.length === 1).map((e) => e.words[0]));
  const out = [...entries];
  const added = new Set<string>();
  for (const e of entries) {
    const joined = e.words.join("");
    if (e.words.length < 2 || joined.length < 5 || !/^[a-z]+$/.test(joined)) continue;
    if (single.has(joined) || added.has(joined)) continue;
    added.add(joined);
    out.push({ words: [joined], meaning: e.meaning });
  }
  return out;
}

export const ENTRIES: readonly Entry[] = buildEntries();

/** Entries by their first word. */
export const LEXICON: ReadonlyMap<string, readonly Entry[]> = (() => {
  const map = new Map<string, Entry[]>();
  for (const e of ENTRIES) {
    const first = e.words[0] ?? "";
    const list = map.get(first) ?? [];
    list.push(e);
    map.set(first, list);
  }
  return map;
})();

/** Everything after "BC" that asks for the help message instead of a report. */
export const HELP_WORDS: ReadonlySet<string> = new Set(["help", "hd", "huong dan", "tro giup", "giup", "giup do"]);
