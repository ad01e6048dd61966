// GET /staff/reports/export.csv|.xlsx with the list's filters; ?kind=aggregate gives the
// totals per commune and province instead of one row per report. Each export is audited
// with its filters and row count (codes and numbers only).
import type { Request, Response } from "express";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { staffT } from "../i18n.js";
import { areaWhere, type Staff } from "../principal.js";
import { aggregateReports } from "./aggregate.js";
import { toCsv } from "./csv.js";
import { areaLabel } from "./filter-form.js";
import { filterDetail, readFilters, type ReportFilters } from "./filters.js";
import { codeLabel, NS } from "./labels.js";
import { allReports } from "./query.js";
import { aggregateSheet, rawSheet, type Sheet } from "./sheets.js";
import { toXlsx } from "./xlsx.js";

export type ExportFormat = "csv" | "xlsx";
type Kind = "raw" | "aggregate";

const TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

async function buildSheet(ctx: StaffContext, staff: Staff, f: ReportFilters, kind: Kind): Promise<{ sheet: Sheet; sessions: number }> {
  if (kind === "raw") {
    const reports = await allReports(ctx.db, staff, f);
    return { sheet: rawSheet(reports), sessions: reports.length };
  }
  const t = staffT("vi", NS);
  const team = f.teamId ? await ctx.db.team.findFirst({ where: { AND: [{ id: f.teamId }, areaWhere(staff)] }, select: { name: true } }) : null;
  const agg = await aggregateReports(ctx.db, staff, f);
  const sheet = aggregateSheet(agg, {
    filters: f,
    area: areaLabel(t, staff, f.area),
    topic: f.topic ? codeLabel(t, "topic", f.topic) : undefined,
    team: f.teamId ? (team?.name ?? `#${f.teamId}`) : undefined,
  });
  return { sheet, sessions: agg.overall.sessions };
}

export function exportHandler(ctx: StaffContext, format: ExportFormat) {
  return async (req: Request, res: Response): Promise<void> => {
    const staff = res.locals.staff as Staff;
    const f = readFilters(req.query, staff);
    const kind: Kind = req.query.kind === "aggregate" ? "aggregate" : "raw";
    const { sheet, sessions } = await buildSheet(ctx, staff, f, kind);
    const body = format === "csv" ? Buffer.from(toCsv(sheet), "utf8") : await toXlsx(sheet);
    await audit(ctx.db, staff, "export", "report", undefined, JSON.stringify({ kind, format, ...filterDetail(f), rows: sheet.rows.length, sessions }));
    const name = `chung-tay-${kind === "raw" ? "bao-cao" : "tong-hop"}-${f.from}_${f.to}.${format}`;
    res.setHeader("Content-Type", TYPES[format]);
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.send(body);
  };
}
