// Reading one answer of the report form. Each reader returns a value or null (→ re-prompt);
// they accept what a leader types on a cheap phone: digits with words around them, dates
// with or without the year, several choices separated by spaces or commas.
import { fold } from "../../content/fold.js";

/** A whole number in 0..max, from "45", "45 người", "khoảng 45". */
export function readCount(raw: string, max = 100_000): number | null {
  const m = /\d+/.exec(raw.replace(/[.,](?=\d{3}\b)/g, ""));
  if (!m) return null;
  const n = Number(m[0]);
  return Number.isSafeInteger(n) && n >= 0 && n <= max ? n : null;
}

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * "hôm nay"/"1" → today, "hôm qua"/"2" → yesterday, "12/6", "12-6-2026", "12/6/26".
 * Without a year: the latest such date that is not after today.
 */
export function readDate(raw: string, today: string): string | null {
  const f = fold(raw);
  if (f === "1" || f === "hom nay" || f === "hn" || f === "today") return today;
  if (f === "2" || f === "hom qua" || f === "hq" || f === "yesterday") return addDays(today, -1);
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?$/.exec(raw.trim());
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const thisYear = Number(today.slice(0, 4));
  let year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : thisYear;
  let iso = isoDate(year, month, day);
  if (!m[3] && iso && iso > today) iso = isoDate((year = thisYear - 1), month, day);
  return iso;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null; // 31/2 and friends
  return d.toISOString().slice(0, 10);
}

/** "1 3", "1,3", "1 và 3" → [1, 3] (1-based, each within 1..n, no repeats). */
export function readChoices(raw: string, n: number): number[] | null {
  const nums = (raw.match(/\d+/g) ?? []).map(Number);
  if (nums.length === 0 || nums.some((x) => x < 1 || x > n)) return null;
  return [...new Set(nums)];
}

const SKIP = new Set(["bo qua", "khong", "ko", "k", "0", "skip", "none", "no", "xong", "done"]);

/** Optional steps: "bỏ qua", "không", "0", "xong" all mean "nothing to add". */
export function isSkip(raw: string): boolean {
  return SKIP.has(fold(raw));
}

const YES = new Set(["ok", "dong y", "dung", "co", "yes", "1", "y", "oke", "okay", "xac nhan"]);
const NO = new Set(["khong", "ko", "k", "no", "2", "sai", "n"]);

export function readYesNo(raw: string): boolean | null {
  const f = fold(raw);
  return YES.has(f) ? true : NO.has(f) ? false : null;
}

const SKIP_ALL = new Set(["gui luon", "gui ngay", "bo qua het", "bo qua tat ca", "send now"]);

/** On an optional step: leave every remaining optional step empty and go to the summary. */
export function isSkipAll(raw: string): boolean {
  return SKIP_ALL.has(fold(raw));
}

/**
 * Counts by kind, typed on a keypad: "1 2" (2 of kind 1), "1 2, 3 1", "1x2 3x1", "1:2",
 * or with words: "bạo lực 2, tảo hôn 1". `words[i]` are folded names of kind i+1.
 * A lone number ("2") says no kind, so it is not accepted: the caller re-prompts with an example.
 */
export function readKindCounts(raw: string, words: readonly (readonly string[])[], max = 10_000): number[] | null {
  const n = words.length;
  const out = new Array<number>(n).fill(0);
  const parts = fold(raw).split(/\s*(?:[,;]|\bva\b|\n)\s*/).filter((p) => p.trim() !== "");
  if (parts.length === 0) return null;
  for (const part of parts) {
    let rest = ` ${part.trim()} `;
    let kind = -1;
    // The longest name first, so "mua ban nguoi" is not read as "khac" or a number.
    const named = words.flatMap((ws, i) => ws.map((w) => ({ w, i }))).sort((a, b) => b.w.length - a.w.length);
    for (const { w, i } of named) {
      if (rest.includes(` ${w} `)) {
        kind = i;
        rest = rest.replace(` ${w} `, " ");
        break;
      }
    }
    const nums = (rest.match(/\d+/g) ?? []).map(Number);
    if (kind >= 0) {
      if (nums.length !== 1) return null;
      out[kind] = (out[kind] ?? 0) + nums[0]!;
      continue;
    }
    // Without a name: pairs of numbers, kind then count ("1 2 3 1" is two pairs).
    if (nums.length === 0 || nums.length % 2 !== 0) return null;
    for (let j = 0; j < nums.length; j += 2) {
      const k = nums[j]!;
      if (k < 1 || k > n) return null;
      out[k - 1] = (out[k - 1] ?? 0) + nums[j + 1]!;
    }
  }
  return out.some((x) => x > max) ? null : out;
}
