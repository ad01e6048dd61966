// Reading reports for the list, the detail page and the raw export, always through the
// staff member's area: a report outside it is simply not found.
import type { Db } from "../../db/client.js";
import type { Staff } from "../principal.js";
import { areaWhere } from "../principal.js";
import { reportWhere, type ReportFilters } from "./filters.js";

export const PAGE_SIZE = 50;

export type ReportRow = Awaited<ReturnType<Db["sessionReport"]["findMany"]>>[number];

export interface ListedReport extends ReportRow {
  teamName: string;
  revisions: number;
}

async function withTeams(db: Db, rows: ReportRow[]): Promise<ListedReport[]> {
  const ids = rows.map((r) => r.id);
  const teamIds = [...new Set(rows.map((r) => r.teamId))];
  const [teams, revisions] = await Promise.all([
    db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }),
    db.reportRevision.groupBy({ by: ["reportId"], where: { reportId: { in: ids } }, _count: { _all: true } }),
  ]);
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const counts = new Map(revisions.map((r) => [r.reportId, r._count._all]));
  return rows.map((r) => ({ ...r, teamName: names.get(r.teamId) ?? `#${r.teamId}`, revisions: counts.get(r.id) ?? 0 }));
}

const ORDER = [{ sessionDate: "desc" as const }, { id: "desc" as const }];

/** One page of the list, newest session first. */
export async function listReports(db: Db, staff: Staff, f: ReportFilters): Promise<{ rows: ListedReport[]; count: number; pages: number }> {
  const where = reportWhere(staff, f);
  const count = await db.sessionReport.count({ where });
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const pageNo = Math.min(f.page, pages);
  const rows = await db.sessionReport.findMany({ where, orderBy: ORDER, skip: (pageNo - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return { rows: await withTeams(db, rows), count, pages };
}

/** Every report the filters match, for the raw export (oldest session first, as a register reads). */
export async function allReports(db: Db, staff: Staff, f: ReportFilters): Promise<ListedReport[]> {
  const rows = await db.sessionReport.findMany({ where: reportWhere(staff, f), orderBy: [{ sessionDate: "asc" }, { id: "asc" }] });
  const out: ListedReport[] = [];
  // The revision/team look-up uses IN lists; chunks keep them well under database parameter limits.
  for (let i = 0; i < rows.length; i += 500) out.push(...(await withTeams(db, rows.slice(i, i + 500))));
  return out;
}

/** A report by id, or null when it does not exist or lies outside the staff member's area. */
export async function findReport(db: Db, staff: Staff, id: number): Promise<ListedReport | null> {
  const row = await db.sessionReport.findFirst({ where: { AND: [{ id }, areaWhere(staff)] } });
  return row ? ((await withTeams(db, [row]))[0] ?? null) : null;
}
