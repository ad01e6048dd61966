// Words that work anywhere, typed with or without diacritics, in Vietnamese or English.
// Multi-word commands also match inside a longer line ("cho hỏi đường dây nóng");
// one-word commands only when they are the whole message, so "hủy" inside a sentence
// never cancels a form by accident.
import { fold } from "../content/fold.js";

export type Command =
  | "forget"
  | "exit"
  | "menu"
  | "cancel"
  | "back"
  | "human"
  | "hotlines"
  | "addresses"
  | "topics"
  | "language"
  | "greeting"
  | { language: string };

const WHOLE: Record<string, Command> = {
  menu: "menu",
  "trang chu": "menu",
  "bat dau": "menu",
  start: "menu",
  huy: "cancel",
  "huy bo": "cancel",
  cancel: "cancel",
  back: "back",
  "quay lai": "back",
  "tro lai": "back",
  thoat: "exit",
  exit: "exit",
  "tam biet": "exit",
  bye: "exit",
  "xin chao": "greeting",
  chao: "greeting",
  "chao ban": "greeting",
  hello: "greeting",
  hi: "greeting",
  hotline: "hotlines",
  language: "language",
  "ngon ngu": "language",
  english: { language: "en" },
  "tieng anh": { language: "en" },
  "tieng viet": { language: "vi" },
  vietnamese: { language: "vi" },
};

const PHRASES: [string, Command][] = [
  ["xoa du lieu", "forget"],
  ["xoa het du lieu", "forget"],
  ["delete my data", "forget"],
  ["gap can bo", "human"],
  ["noi chuyen voi can bo", "human"],
  ["gap nguoi that", "human"],
  ["talk to someone", "human"],
  ["talk to a person", "human"],
  ["duong day nong", "hotlines"],
  ["so dien thoai khan cap", "hotlines"],
  ["tong dai", "hotlines"],
  ["hotlines", "hotlines"],
  ["dia chi tin cay", "addresses"],
  ["trusted address", "addresses"],
  ["noi ho tro", "addresses"],
  ["tim hieu", "topics"],
  ["chu de", "topics"],
];

/**
 * @param wholeOnly inside a guided form only whole-message commands count, so a note like
 *   "cần gặp cán bộ xã" is kept as the note instead of leaving the form.
 */
export function parseCommand(raw: string, wholeOnly = false): Command | null {
  const f = fold(raw);
  if (f === "") return null;
  const whole = WHOLE[f] ?? PHRASES.find(([phrase]) => phrase === f)?.[1];
  if (whole || wholeOnly) return whole ?? null;
  const padded = ` ${f} `;
  return PHRASES.find(([phrase]) => padded.includes(` ${phrase} `))?.[1] ?? null;
}
