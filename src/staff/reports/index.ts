// The reports section of the staff console: the dashboard (also the console's home page),
// the report list and detail, and the CSV/XLSX exports. Every read goes through the staff
// member's area (filters.ts, query.ts); all numbers come from aggregate.ts.
import { Router } from "express";
import type { StaffContext } from "../context.js";
import { showDashboard } from "./dashboard.js";
import { showDetail } from "./detail.js";
import { exportHandler } from "./exports.js";
import { showList } from "./list.js";
import { docxExportHandler } from "./docx-export.js";
import { addDeadline, removeDeadline, showDeadlines } from "./deadlines-page.js";

export function reportsRouter(ctx: StaffContext): Router {
  const r = Router();
  r.get("/", (req, res) => showDashboard(ctx, req, res));
  r.get("/reports/dashboard", (req, res) => showDashboard(ctx, req, res));
  r.get("/reports", (req, res) => showList(ctx, req, res));
  // Before "/reports/:id", which would otherwise take "export.csv" as an id.
  r.get("/reports/export.csv", exportHandler(ctx, "csv"));
  r.get("/reports/export.xlsx", exportHandler(ctx, "xlsx"));
  r.get("/reports/export.docx", docxExportHandler(ctx));
  r.get("/reports/deadlines", (req, res) => showDeadlines(ctx, req, res));
  r.post("/reports/deadlines", (req, res) => addDeadline(ctx, req, res));
  r.post("/reports/deadlines/:id/delete", (req, res) => removeDeadline(ctx, req, res));
  r.get("/reports/:id", (req, res) => showDetail(ctx, req, res));
  return r;
}
