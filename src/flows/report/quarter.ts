// Calendar quarters in Vietnam time (UTC+7 all year, no daylight saving), computed from the
// offset rather than the process time zone, so a server running in UTC agrees with one in
// Hà Nội. Each communication team holds at least one session per quarter (docs/reference/project8.md §1.5).

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  year: number;
  q: QuarterNumber;
  /** YYYY-MM-DD, first day, Vietnam time. */
  start: string;
  /** YYYY-MM-DD, last day (inclusive), Vietnam time. */
  end: string;
}

/** YYYY-MM-DD of an instant in Vietnam time. */
export function vnDate(date: Date): string {
  return new Date(date.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function quarterOf(date: Date): Quarter {
  const vn = new Date(date.getTime() + VN_OFFSET_MS);
  const year = vn.getUTCFullYear();
  const q = (Math.floor(vn.getUTCMonth() / 3) + 1) as QuarterNumber;
  const firstMonth = (q - 1) * 3;
  const start = new Date(Date.UTC(year, firstMonth, 1)).toISOString().slice(0, 10);
  // Day 0 of the month after the quarter is the quarter's last day.
  const end = new Date(Date.UTC(year, firstMonth + 3, 0)).toISOString().slice(0, 10);
  return { year, q, start, end };
}

/** "2026q2": how a quarter is named in keys and logs. */
export function quarterKey(q: Pick<Quarter, "year" | "q">): string {
  return `${q.year}q${q.q}`;
}

export type ReminderKind = "3w" | "1w";

/** Days before the quarter's last day on which the leaders who have not reported are reminded. */
export const REMINDER_DAYS: Record<ReminderKind, number> = { "3w": 21, "1w": 7 };

/** "3w" or "1w" on the day exactly 21 or 7 days before the quarter's last day (Vietnam time), else null. */
export function reminderKind(now: Date): ReminderKind | null {
  const left = daysUntilQuarterEnd(now);
  if (left === REMINDER_DAYS["3w"]) return "3w";
  if (left === REMINDER_DAYS["1w"]) return "1w";
  return null;
}

/** Whole days from today (Vietnam time) to the quarter's last day; 0 on the last day. */
export function daysUntilQuarterEnd(now: Date): number {
  const today = vnDate(now);
  const { end } = quarterOf(now);
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** "2026-06-30" → "30/06/2026", as dates are written in Vietnam. */
export function dmyFull(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}
