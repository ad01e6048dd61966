// The one place report numbers are added up. The dashboard, the CSV and the XLSX all read
// this, so what a province officer sees on screen and what they send upward cannot differ.
import type { Db } from "../../db/client.js";
import type { Staff } from "../principal.js";
import { parseCodes, parseCountMap } from "./labels.js";
import { activeTeamWhere, reportWhere, type ReportFilters } from "./filters.js";

export interface Counts {
  sessions: number;
  total: number;
  women: number;
  men: number;
  ethnicMinority: number;
  childrenUnder16: number;
  referred: number;
  /** Active teams in scope. */
  teams: number;
  /** Active teams in scope with at least one session in the period (docs/reference/project8.md §1.5: ≥ 1 per quarter). */
  teamsWithSession: number;
  /** Sessions per topic code; a session with two topics counts under both. */
  topics: Record<string, number>;
  /** Sessions per format code. */
  formats: Record<string, number>;
  /** Materials handed out (a sum of the counts given). */
  materials: number;
  /** Sessions where men took part as pioneers. */
  menPioneerSessions: number;
  /** Sessions per equipment code and per material kind. */
  equipment: Record<string, number>;
  materialKinds: Record<string, number>;
  /** Cases detected per kind and referred per place: counts, never people. */
  cases: Record<string, number>;
  referredTo: Record<string, number>;
  /** Sessions whose report asked about cases (reports sent before 2026's form did not). */
  sessionsAskedCases: number;
}

export interface AreaCounts extends Counts {
  provinceCode: string;
  /** null on a province's own row. */
  communeCode: string | null;
}

export interface Aggregate {
  overall: Counts;
  /** Every month of the period ("YYYY-MM"), including months without a session. */
  months: { month: string; sessions: number }[];
  /** Sorted by code; only areas with an active team or a session in the period. */
  provinces: AreaCounts[];
  communes: AreaCounts[];
}

export const PEOPLE = ["total", "women", "men", "ethnicMinority", "childrenUnder16"] as const;

interface Bucket {
  counts: Counts;
  sessionTeams: Set<number>;
}

function bucket(): Bucket {
  const counts: Counts = {
    sessions: 0, total: 0, women: 0, men: 0, ethnicMinority: 0, childrenUnder16: 0, referred: 0, teams: 0, teamsWithSession: 0, topics: {}, formats: {},
    materials: 0, menPioneerSessions: 0, equipment: {}, materialKinds: {}, cases: {}, referredTo: {}, sessionsAskedCases: 0,
  };
  return { counts, sessionTeams: new Set() };
}

/** "2026-04" … "2026-06" for 2026-04-01 … 2026-06-30. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > last) return out;
    out.push(key);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

export async function aggregateReports(db: Db, staff: Staff, f: ReportFilters): Promise<Aggregate> {
  const [reports, teams] = await Promise.all([
    db.sessionReport.findMany({
      where: reportWhere(staff, f),
      select: {
        teamId: true, provinceCode: true, communeCode: true, sessionDate: true, topics: true, format: true, total: true, women: true, men: true, ethnicMinority: true, childrenUnder16: true, referred: true,
        materials: true, menPioneers: true, equipment: true, materialKinds: true, casesDetected: true, referredTo: true,
      },
    }),
    db.team.findMany({ where: activeTeamWhere(staff, f), select: { id: true, provinceCode: true, communeCode: true } }),
  ]);
  const overall = bucket();
  const provinces = new Map<string, Bucket>();
  const communes = new Map<string, Bucket & { provinceCode: string }>();
  const bucketsFor = (provinceCode: string, communeCode: string): Bucket[] => {
    if (!provinces.has(provinceCode)) provinces.set(provinceCode, bucket());
    if (!communes.has(communeCode)) communes.set(communeCode, { ...bucket(), provinceCode });
    return [overall, provinces.get(provinceCode)!, communes.get(communeCode)!];
  };

  for (const t of teams) for (const b of bucketsFor(t.provinceCode, t.communeCode)) b.counts.teams++;
  const months = new Map(monthsBetween(f.from, f.to).map((m) => [m, 0]));
  for (const r of reports) {
    const month = r.sessionDate.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
    const topics = new Set(parseCodes(r.topics));
    const equipment = new Set(parseCodes(r.equipment));
    const kinds = new Set(parseCodes(r.materialKinds));
    const cases = parseCountMap(r.casesDetected);
    const places = parseCountMap(r.referredTo);
    for (const { counts: c, sessionTeams } of bucketsFor(r.provinceCode, r.communeCode)) {
      c.sessions++;
      for (const k of PEOPLE) c[k] += r[k];
      c.referred += r.referred;
      for (const t of topics) c.topics[t] = (c.topics[t] ?? 0) + 1;
      c.formats[r.format] = (c.formats[r.format] ?? 0) + 1;
      c.materials += r.materials ?? 0;
      if (r.menPioneers === true) c.menPioneerSessions++;
      for (const e of equipment) c.equipment[e] = (c.equipment[e] ?? 0) + 1;
      for (const k of kinds) c.materialKinds[k] = (c.materialKinds[k] ?? 0) + 1;
      if (cases) c.sessionsAskedCases++;
      for (const [k, n] of Object.entries(cases ?? {})) c.cases[k] = (c.cases[k] ?? 0) + n;
      for (const [k, n] of Object.entries(places ?? {})) c.referredTo[k] = (c.referredTo[k] ?? 0) + n;
      sessionTeams.add(r.teamId);
    }
  }
  // Only active teams count towards the indicator, so it can never read above 100%.
  const active = new Set(teams.map((t) => t.id));
  const finish = (b: Bucket): Counts => ({ ...b.counts, teamsWithSession: [...b.sessionTeams].filter((id) => active.has(id)).length });
  const byCode = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    overall: finish(overall),
    months: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, sessions]) => ({ month, sessions })),
    provinces: byCode(provinces).map(([code, b]) => ({ ...finish(b), provinceCode: code, communeCode: null })),
    communes: byCode(communes).map(([code, b]) => ({ ...finish(b), provinceCode: b.provinceCode, communeCode: code })),
  };
}
