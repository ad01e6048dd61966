// A campaign's completion report: recipients by platform, status and reason, on the page and
// as CSV/XLSX (the same rows, so the numbers are the same). Counts only; Vietnamese headers.
import { Router, type Response } from "express";
import type { Preview } from "../../broadcasts/audience.js";
import { campaignReport, type ReportRow } from "../../broadcasts/progress.js";
import type { Translate } from "../../i18n.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html, type Html } from "../html.js";
import { staffT } from "../i18n.js";
import type { Staff } from "../principal.js";
import { toCsv } from "../reports/csv.js";
import type { Sheet } from "../reports/sheets.js";
import { toXlsx } from "../reports/xlsx.js";
import { canSeeCampaign } from "./views.js";

const multi = (rows: ReportRow[]) => rows.some((r) => r.round > 0);
const label = (t: Translate, r: ReportRow, rounds: boolean) => [...(rounds ? [String(r.round + 1)] : []), t(`staff-handover:channel.${r.platform}`, { defaultValue: r.platform }), t(`recipient.${r.status}`), r.reason ? t(`reason.${r.reason}`, { defaultValue: r.reason }) : ""];

export function reportSheet(t: Translate, name: string, rows: ReportRow[]): Sheet {
  const total = rows.reduce((s, r) => s + r.count, 0);
  const rounds = multi(rows);
  return {
    name: t("report.sheet"),
    notes: [t("report.title", { name }), t("report.countsOnly")],
    headers: [...(rounds ? [t("report.round")] : []), t("report.platform"), t("report.status"), t("report.reason"), t("report.count")],
    rows: [...rows.map((r) => [...label(t, r, rounds), r.count]), [t("report.total"), ...(rounds ? [""] : []), "", "", total]],
  };
}

export function reportTable(t: Translate, id: number, rows: ReportRow[]): Html {
  if (rows.length === 0) return html``;
  const rounds = multi(rows);
  return html`<section><h2>${t("report.heading")}</h2><div class="table-wrap"><table class="counts"><thead><tr>${rounds ? html`<th>${t("report.round")}</th>` : ""}<th>${t("report.platform")}</th><th>${t("report.status")}</th><th>${t("report.reason")}</th><th class="num">${t("report.count")}</th></tr></thead><tbody>
${rows.map((r) => html`<tr>${label(t, r, rounds).map((c) => html`<td>${c}</td>`)}<td class="num" data-report="${rounds ? `${r.round + 1}|` : ""}${r.platform}|${r.status}|${r.reason ?? ""}" data-value="${r.count}">${r.count}</td></tr>`)}</tbody></table></div>
<p class="exports"><a class="button" href="/staff/campaigns/${id}/report.csv" download>CSV</a> <a class="button" href="/staff/campaigns/${id}/report.xlsx" download>XLSX</a></p></section>`;
}

/** The eligibility preview as a table: per platform, each outcome and its count (what the approver saw). */
export function previewSheet(t: Translate, name: string, preview: Preview): Sheet {
  const rows: (string | number)[][] = [];
  for (const [platform, p] of Object.entries(preview.platforms)) {
    const ch = t(`staff-handover:channel.${platform}`, { defaultValue: platform });
    rows.push([ch, t("previewSheet.sendNow"), "", p.sendNow], [ch, t("previewSheet.closingSoon"), "", p.closingSoon]);
    if (p.needsApproval) rows.push([ch, t("recipient.needs_approval"), t("reason.paid_window"), p.needsApproval]);
    if (p.held) rows.push([ch, t("previewSheet.held"), "", p.held]);
    for (const [reason, n] of Object.entries(p.skipped)) rows.push([ch, t("recipient.skipped"), t(`reason.${reason}`, { defaultValue: reason }), n]);
    for (const [reason, n] of Object.entries(p.deferred)) rows.push([ch, t("recipient.deferred"), t(`reason.${reason}`, { defaultValue: reason }), n]);
  }
  rows.push([t("report.total"), "", "", preview.total]);
  return { name: t("previewSheet.sheet"), notes: [t("previewSheet.title", { name, at: preview.at.slice(0, 16).replace("T", " ") }), t("report.countsOnly")], headers: [t("report.platform"), t("report.status"), t("report.reason"), t("report.count")], rows };
}

export function reportRouter(ctx: StaffContext): Router {
  const r = Router();
  for (const format of ["csv", "xlsx"] as const) {
    r.get(`/campaigns/:id/preview.${format}`, async (req, res: Response) => {
      const staff = res.locals.staff as Staff;
      const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
      const row = Number.isSafeInteger(id) ? await ctx.db.campaign.findUnique({ where: { id } }) : null;
      if (!row || !row.preview || !canSeeCampaign(staff, row)) return void res.sendStatus(404);
      const sheet = previewSheet(staffT("vi", "staff-campaigns"), row.name, JSON.parse(row.preview) as Preview);
      const body = format === "csv" ? Buffer.from(toCsv(sheet), "utf8") : await toXlsx(sheet);
      await audit(ctx.db, staff, "export", "campaign_preview", row.id, `format=${format}`);
      res.setHeader("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", `attachment; filename="chung-tay-chien-dich-${row.id}-xem-truoc.${format}"`);
      res.send(body);
    });
  }
  for (const format of ["csv", "xlsx"] as const) {
    r.get(`/campaigns/:id/report.${format}`, async (req, res: Response) => {
      const staff = res.locals.staff as Staff;
      const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
      const row = Number.isSafeInteger(id) ? await ctx.db.campaign.findUnique({ where: { id } }) : null;
      if (!row || !canSeeCampaign(staff, row)) return void res.sendStatus(404);
      // Always Vietnamese: the Union files its reports in Vietnamese.
      const sheet = reportSheet(staffT("vi", "staff-campaigns"), row.name, await campaignReport(ctx.db, row.id));
      const body = format === "csv" ? Buffer.from(toCsv(sheet), "utf8") : await toXlsx(sheet);
      await audit(ctx.db, staff, "export", "campaign", row.id, `format=${format} rows=${sheet.rows.length}`);
      res.setHeader("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", `attachment; filename="chung-tay-chien-dich-${row.id}.${format}"`);
      res.send(body);
    });
  }
  return r;
}
