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
  /** People referred to help: a count, never names (docs/reference/project8.md §6.1, §7 rule 9). */
  referred: number;
  /** URLs of images sent during the photo step (optional). */
  photos: string[];
  notes: string | null;
}

export type ReportField = keyof SessionReport;
