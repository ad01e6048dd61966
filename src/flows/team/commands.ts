// The words a team leader types to join a team and to switch reminders, with or without
// Vietnamese tones, in Vietnamese or English. Only whole messages match, so a sentence that
// happens to contain "đăng ký" is never taken for a command.
import { fold } from "../../content/fold.js";

// "dk", "đk", "đăng ký"/"đăng kí" (typed with or without spaces), "register", "join".
const JOIN = /^(?:dk|dang ?k[yi]|register|join)(?: ?((?:\d ?)+))?$/;

/** "DK 4821", "dk4821", "ĐK 48 21", "đăng ký 4821" → the code; "đăng ký" alone → { code: null }. */
export function parseJoinCommand(raw: string): { code: string | null } | null {
  const m = JOIN.exec(fold(raw));
  if (!m) return null;
  return { code: m[1] ? m[1].replace(/ /g, "") : null };
}

const REMINDERS_OFF = new Set([
  "tat nhac",
  "tat nhac nho",
  "dung nhac",
  "dung nhac nho",
  "ngung nhac",
  "ngung nhac nho",
  "stop reminders",
  "stop reminder",
  "reminders off",
]);
const REMINDERS_ON = new Set(["bat nhac", "bat nhac nho", "bat lai nhac", "mo nhac", "start reminders", "start reminder", "reminders on"]);

/** "tắt nhắc"/"dừng nhắc"/"stop reminders" → "off"; "bật nhắc"/"start reminders" → "on". */
export function parseReminderCommand(raw: string): "off" | "on" | null {
  const f = fold(raw);
  if (REMINDERS_OFF.has(f)) return "off";
  if (REMINDERS_ON.has(f)) return "on";
  return null;
}

/** The digits of an answer to "what is your code?": "4821", "mã 4821", "DK 4821". */
export function codeIn(raw: string): string | null {
  const join = parseJoinCommand(raw);
  if (join) return join.code;
  const digits = fold(raw).match(/\d+/g);
  return digits ? digits.join("") : null;
}
