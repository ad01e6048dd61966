// Report deadlines set per province: when a report upward is due, to whom, and with data up
// to which day. The seeds' dates are examples only (docs/reference/project8.md §6.3: Sơn La's
// province Union reports to the centre before 10/01/2026; Lai Châu's districts before 05/12/2023),
// and after 1 July 2025 the district step no longer exists, so nothing here is hard-coded:
// province staff (or the centre) enter each deadline, and the dashboard counts down to it.
import type { Db } from "../db/client.js";

export interface DeadlineInput {
  title: string;
  /** YYYY-MM-DD: the report must be sent before the end of this day. */
  dueDate: string;
  /** YYYY-MM-DD: the report counts sessions up to this day; null when not said. */
  dataUntil: string | null;
  recipient: string | null;
  /** Days before the due date that province staff are reminded (and again the day before). */
  remindDays: number;
}

export type DeadlineProblem = { field: keyof DeadlineInput | "province_code"; code: string };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Whole days from `today` to `due` (both YYYY-MM-DD): 0 on the day, negative once past. */
export function daysLeft(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Checks a typed deadline; each problem names its field. `today` bounds the due date (not in the past). */
export function checkDeadline(raw: Record<string, string>, today: string): { value?: DeadlineInput; problems: DeadlineProblem[] } {
  const problems: DeadlineProblem[] = [];
  const title = (raw.title ?? "").trim();
  if (title === "") problems.push({ field: "title", code: "required" });
  else if (title.length > 200) problems.push({ field: "title", code: "tooLong" });
  const dueDate = (raw.due_date ?? "").trim();
  if (!isIsoDay(dueDate)) problems.push({ field: "dueDate", code: "date" });
  else if (dueDate < today) problems.push({ field: "dueDate", code: "past" });
  const dataUntilRaw = (raw.data_until ?? "").trim();
  const dataUntil = dataUntilRaw === "" ? null : dataUntilRaw;
  if (dataUntil !== null && !isIsoDay(dataUntil)) problems.push({ field: "dataUntil", code: "date" });
  else if (dataUntil !== null && isIsoDay(dueDate) && dataUntil > dueDate) problems.push({ field: "dataUntil", code: "afterDue" });
  const recipient = (raw.recipient ?? "").trim().slice(0, 200) || null;
  const remindRaw = (raw.remind_days ?? "").trim() || "7";
  const remindDays = /^\d{1,2}$/.test(remindRaw) ? Number(remindRaw) : NaN;
  if (!(remindDays >= 1 && remindDays <= 60)) problems.push({ field: "remindDays", code: "range" });
  return problems.length > 0 ? { problems } : { value: { title, dueDate, dataUntil, recipient, remindDays }, problems };
}

/** Deadlines still to come (today included) for these provinces (all when `provinces` is null), nearest first. */
export async function upcomingDeadlines(db: Db, provinces: string[] | null, today: string, take = 50) {
  return db.reportDeadline.findMany({
    where: { dueDate: { gte: today }, ...(provinces ? { provinceCode: { in: provinces } } : {}) },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    take,
  });
}

/**
 * The reminder a deadline is due for today: stage 1 from `remindDays` before, stage 2 the day
 * before (or on the day, when the first came late). null when nothing is due.
 */
export function reminderStageDue(d: { dueDate: string; remindDays: number; reminderStage: number }, today: string): 1 | 2 | null {
  const left = daysLeft(d.dueDate, today);
  if (left < 0) return null;
  if (d.reminderStage < 2 && left <= 1) return 2;
  if (d.reminderStage < 1 && left <= d.remindDays) return 1;
  return null;
}
