// What a community communication team leader reports after an awareness session
// (docs/reference/project8.md §6.1; the form itself is not sourced, so only fields the seeds support).
// Codes are stable identifiers; their labels are user text in locales/<lang>/report.json.

/** Session topics (docs/reference/project8.md §6.1 "Topic(s)"). */
export const TOPIC_CODES = [
  "dinh-kien-gioi", // định kiến, khuôn mẫu giới
  "tap-tuc-co-hai", // tập tục có hại
  "tao-hon", // tảo hôn
  "can-huyet", // hôn nhân cận huyết
  "sinh-de-an-toan", // sinh đẻ tại nhà / sinh đẻ an toàn
  "sinh-con-nhieu", // sinh con nhiều
  "bo-hoc", // bỏ học, không có việc làm
  "bao-luc-gia-dinh", // bạo lực gia đình
  "mua-ban-nguoi", // mua bán người, di cư không an toàn
  "goi-chinh-sach", // 04 gói chính sách sinh đẻ an toàn
  "luat-pcblgd", // Luật Phòng, chống bạo lực gia đình 2022
  "ky-nang-hon-nhan", // kỹ năng trước hôn nhân
  "dia-chi-tin-cay", // giới thiệu Địa chỉ tin cậy
  "khac", // other
] as const;
export type TopicCode = (typeof TOPIC_CODES)[number];

/** Session formats named in the issue (a subset of docs/reference/project8.md §6.1 "Format"). */
export const FORMAT_CODES = [
  "san-khau-hoa", // sân khấu hóa
  "truc-tiep", // truyền thông trực tiếp tại cộng đồng
  "hop-thon", // lồng ghép trong họp thôn/bản
  "phien-cho", // phiên chợ / lễ hội
  "loa", // loa phát thanh
  "mang-xa-hoi", // trên mạng xã hội (Zalo/Facebook)
] as const;
export type FormatCode = (typeof FORMAT_CODES)[number];

/** Languages a session may be held in (docs/reference/project8.md §5: Vietnamese and ethnic languages). */
export const LANGUAGE_CODES = ["vi", "hmong", "thai", "dao", "khac"] as const;
export type SessionLanguage = (typeof LANGUAGE_CODES)[number];

/** Equipment used (docs/reference/project8.md §6.1 "Equipment used", seed 000 III.1.1). */
export const EQUIPMENT_CODES = ["loa-keo", "loa-cam-tay", "may-chieu"] as const;
export type EquipmentCode = (typeof EQUIPMENT_CODES)[number];

/** Kinds of material handed out or shown (docs/reference/project8.md §6.1 "Materials", seed 000 III.1.1; seed 003 IV.1.1). */
export const MATERIAL_CODES = ["to-roi", "ap-phich", "video", "chuong-trinh-loa", "tai-lieu-so"] as const;
export type MaterialCode = (typeof MATERIAL_CODES)[number];

/** Kinds of case a team may detect (docs/reference/project8.md §6.1 "Cases detected / referred", seed 002 III.2). */
export const CASE_KINDS = ["bao-luc", "mua-ban-nguoi", "tao-hon", "khac"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Where a case was referred: địa chỉ tin cậy, police, the 111 child helpline, health services (§6.1). */
export const REFERRAL_PLACES = ["dctc", "cong-an", "111", "y-te"] as const;
export type ReferralPlace = (typeof REFERRAL_PLACES)[number];

/** Counts only, never names, ages or addresses (docs/reference/project8.md §6.1, §7). Kinds left out are 0. */
export type CaseCounts = Partial<Record<CaseKind, number>>;
export type PlaceCounts = Partial<Record<ReferralPlace, number>>;

export interface Participants {
  total: number;
  women: number;
  men: number;
  ethnicMinority: number;
  childrenUnder16: number;
}

export interface SessionReport {
  /** ISO date YYYY-MM-DD (Vietnam time). */
  date: string;
  /** The village (thôn/bản) name as in the team's area. */
  village: string;
  topics: TopicCode[];
  format: FormatCode;
  participants: Participants;
  languages: SessionLanguage[];
  /** Leaflets, posters, clips handed out; null when not said (optional field). */
  materials: number | null;
  /** People referred to help: a count, never names (docs/reference/project8.md §6.1, §7 rule 9).
   *  With the by-place counts it is their sum unless the leader gave the total herself. */
  referred: number;
  /** Men took part as pioneers (nam giới tiên phong); null when not said. Optional. */
  menPioneers: boolean | null;
  /** Equipment used; [] when none or not said. Optional. */
  equipment: EquipmentCode[];
  /** Kinds of material; [] when not said. Optional. */
  materialKinds: MaterialCode[];
  /** Cases detected by kind; null when not asked (reports sent before these fields existed). */
  casesDetected: CaseCounts | null;
  /** Cases referred, by where to; null when not asked. */
  referredTo: PlaceCounts | null;
  /** URLs of images sent during the photo step (optional). */
  photos: string[];
  notes: string | null;
}

export type ReportField = keyof SessionReport;
