// The filters shared by the dashboard, the report list and the exports, read from GET query
// params so every view is a link that can be bookmarked or sent to a colleague. The staff
// member's own area is always ANDed in: a filter can only narrow what they may see.
import type { Prisma } from "../../db/client.js";
import { quarterOf } from "../../flows/report/quarter.js";
import { TOPIC_CODES, type TopicCode } from "../../flows/report/types.js";
import { areaOf } from "../../areas/index.js";
import { areaWhere, canSee, type Staff } from "../principal.js";

export interface ReportFilters {
  /** YYYY-MM-DD, inclusive, Vietnam time (sessionDate is stored that way). */
  from: string;
  to: string;
  /** "" = the whole area the staff member may see; else an official province ("11") or commune ("03295") code. */
  area: string;
  topic: TopicCode | "";
  teamId: number | null;
  page: number;
}

type Query = Record<string, unknown>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused), in a plausible year so a typo cannot ask for 9 999 years of months. */
export function isDay(s: unknown): s is string {
  if (typeof s !== "string" || !DAY.test(s) || s < "2000" || s > "2100") return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

function positiveInt(v: unknown): number | null {
  const n = typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Whether a province or commune code lies inside the staff member's area. */
export function areaInScope(staff: Staff, code: string): boolean {
  if (!code) return false;
  const area = areaOf(code);
  // A province code is in scope only for whom the whole province is: not for commune staff.
  return area.communeCode === undefined && staff.role === "commune_staff" ? false : canSee(staff, area);
}

/** Unknown or out-of-area values fall back to the defaults: the current quarter and the whole area. */
export function readFilters(query: Query, staff: Staff, now = new Date()): ReportFilters {
  const quarter = quarterOf(now);
  let from = isDay(query.from) ? query.from : quarter.start;
  let to = isDay(query.to) ? query.to : quarter.end;
  if (from > to) [from, to] = [to, from];
  const area = typeof query.area === "string" && areaInScope(staff, query.area) ? query.area : "";
  const topic = (TOPIC_CODES as readonly string[]).includes(String(query.topic)) ? (query.topic as TopicCode) : "";
  return { from, to, area, topic, teamId: positiveInt(query.team), page: positiveInt(query.page) ?? 1 };
}

function chosenArea(area: string): { provinceCode?: string; communeCode?: string } {
  if (!area) return {};
  const { communeCode, provinceCode } = areaOf(area);
  return communeCode ? { communeCode } : { provinceCode: provinceCode! };
}

export function reportWhere(staff: Staff, f: ReportFilters): Prisma.SessionReportWhereInput {
  return {
    AND: [
      areaWhere(staff),
      chosenArea(f.area),
      { sessionDate: { gte: f.from, lte: f.to } },
      // topics is a JSON array of codes; codes are slugs, so the quoted code matches one element exactly.
      f.topic ? { topics: { contains: `"${f.topic}"` } } : {},
      f.teamId ? { teamId: f.teamId } : {},
    ],
  };
}

/** Teams counted for the "≥ 1 session per quarter" indicator: active ones in the chosen area. */
export function activeTeamWhere(staff: Staff, f: Pick<ReportFilters, "area" | "teamId">): Prisma.TeamWhereInput {
  return { AND: [areaWhere(staff), chosenArea(f.area), { active: true }, f.teamId ? { id: f.teamId } : {}] };
}

/** Teams offered in the team filter: every team (active or not) in the chosen area. */
export function teamChoiceWhere(staff: Staff, f: Pick<ReportFilters, "area">): Prisma.TeamWhereInput {
  return { AND: [areaWhere(staff), chosenArea(f.area)] };
}

/** The filters as a query string ("?from=…&to=…"), leaving out empty values and page 1. */
export function filterQuery(f: ReportFilters, change: Partial<ReportFilters> = {}): string {
  const v = { ...f, ...change };
  const p = new URLSearchParams({ from: v.from, to: v.to });
  if (v.area) p.set("area", v.area);
  if (v.topic) p.set("topic", v.topic);
  if (v.teamId) p.set("team", String(v.teamId));
  if (v.page > 1) p.set("page", String(v.page));
  return `?${p.toString()}`;
}

/** What goes into the audit row for an export: codes and ids only, never text a person typed. */
export function filterDetail(f: ReportFilters): Record<string, string | number> {
  return { from: f.from, to: f.to, area: f.area || "*", topic: f.topic || "*", team: f.teamId ?? "*" };
}
