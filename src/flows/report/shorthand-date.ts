// Dates in the one-line report. The parser never reads the clock: "today" comes from the caller,
// and a date without a year is the latest such day that is not after today (so on 3 January
// "28/12" is last December). Whether a date is too old or in the future is the flow's rule.

export interface Ymd { y: number; m: number; d: number }

export type DateReading = { ok: true; iso: string } | { ok: false; reason: "invalid_date" | "year_out_of_range" };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toIso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The context's today; a malformed one is a programming error, not a user's typo. */
export function parseToday(today: string): Ymd {
  const m = ISO.exec(today);
  const ymd = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
  if (!ymd || !isRealDate(ymd.y, ymd.m, ymd.d)) throw new RangeError(`ShorthandContext.today must be YYYY-MM-DD, got "${today}"`);
  return ymd;
}

export function shiftDays(today: Ymd, days: number): string {
  const t = new Date(Date.UTC(today.y, today.m - 1, today.d + days));
  return toIso({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** "12/6", "12/6/26", "12/6/2026" → ISO date. Two-digit years are 20yy; four-digit years must be 2000–2099. */
export function readDate(day: string, month: string, year: string | undefined, today: Ymd): DateReading {
  const d = Number(day);
  const m = Number(month);
  if (year !== undefined) {
    if (year.length !== 2 && year.length !== 4) return { ok: false, reason: "year_out_of_range" };
    const y = year.length === 2 ? 2000 + Number(year) : Number(year);
    if (y < 2000 || y > 2099) return { ok: false, reason: "year_out_of_range" };
    return isRealDate(y, m, d) ? { ok: true, iso: toIso({ y, m, d }) } : { ok: false, reason: "invalid_date" };
  }
  const todayIso = toIso(today);
  // Four years back reaches the last 29 February; any other real day is found in one or two.
  for (let y = today.y; y >= today.y - 4; y--) {
    if (!isRealDate(y, m, d)) continue;
    const iso = toIso({ y, m, d });
    if (iso <= todayIso) return { ok: true, iso };
  }
  return { ok: false, reason: "invalid_date" };
}
