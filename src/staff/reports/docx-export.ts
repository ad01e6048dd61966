// GET /staff/reports/export.docx with the dashboard's filters: the report upward as a Word file
// (docx-report.ts). Its figures are the dashboard's: the same aggregateReports over the same
// filters, plus one run per quarter of the period for "teams with ≥ 1 session per quarter".
// Audited like the other exports (codes and counts only).
import type { Request, Response } from "express";
import { dmyFull, quarterOf, vnDate } from "../../flows/report/quarter.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { staffT } from "../i18n.js";
import { areaWhere, type Staff } from "../principal.js";
import { aggregateReports } from "./aggregate.js";
import { communeName, provinceName } from "./areas.js";
import { upwardDocx, type UpwardQuarter } from "./docx-report.js";
import { areaLabel } from "./filter-form.js";
import { filterDetail, readFilters, type ReportFilters } from "./filters.js";
import { codeLabel, NS } from "./labels.js";
import type { Db } from "../../db/client.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The calendar quarters the period touches, each clipped to the period. */
export function quartersIn(from: string, to: string): { year: number; q: number; from: string; to: string }[] {
  const out: { year: number; q: number; from: string; to: string }[] = [];
  let day = from;
  while (day <= to && out.length < 200) {
    const q = quarterOf(new Date(`${day}T12:00:00+07:00`));
    out.push({ year: q.year, q: q.q, from: day, to: q.end < to ? q.end : to });
    day = new Date(Date.parse(`${q.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  return out;
}

async function perQuarter(db: Db, staff: Staff, f: ReportFilters, label: (y: number, q: number) => string): Promise<UpwardQuarter[]> {
  const out: UpwardQuarter[] = [];
  for (const q of quartersIn(f.from, f.to)) {
    const a = await aggregateReports(db, staff, { ...f, from: q.from, to: q.to });
    out.push({ label: label(q.year, q.q), teams: a.overall.teams, teamsWithSession: a.overall.teamsWithSession });
  }
  return out;
}

export function docxExportHandler(ctx: StaffContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const staff = res.locals.staff as Staff;
    const f = readFilters(req.query, staff);
    // The document is filed in Vietnamese, whatever the console's language (as the spreadsheets).
    const t = staffT("vi", NS);
    const agg = await aggregateReports(ctx.db, staff, f);
    const team = f.teamId ? await ctx.db.team.findFirst({ where: { AND: [{ id: f.teamId }, areaWhere(staff)] }, select: { name: true } }) : null;
    const quarters = await perQuarter(ctx.db, staff, f, (year, q) => t("docx.quarter", { q, year }));
    // One level down from what the document covers: provinces for the whole country, else communes.
    const wholeCountry = agg.provinces.length > 1;
    const areas = wholeCountry
      ? agg.provinces.map((a) => ({ name: provinceName(a.provinceCode), counts: a }))
      : agg.communes.map((a) => ({ name: communeName(a.communeCode ?? ""), counts: a }));
    const body = await upwardDocx(t, {
      area: areaLabel(t, staff, f.area),
      from: dmyFull(f.from),
      to: dmyFull(f.to),
      generatedOn: dmyFull(vnDate(new Date())),
      topic: f.topic ? codeLabel(t, "topic", f.topic) : undefined,
      team: f.teamId ? (team?.name ?? `#${f.teamId}`) : undefined,
      agg,
      quarters,
      months: agg.months.map((m) => ({ label: `${Number(m.month.slice(5, 7))}/${m.month.slice(0, 4)}`, value: m.sessions })),
      areas,
    });
    await audit(ctx.db, staff, "export", "report", undefined, JSON.stringify({ kind: "upward", format: "docx", ...filterDetail(f), sessions: agg.overall.sessions }));
    res.setHeader("Content-Type", DOCX);
    res.setHeader("Content-Disposition", `attachment; filename="chung-tay-bao-cao-len-tren-${f.from}_${f.to}.docx"`);
    res.send(body);
  };
}
