// /staff/campaigns: the campaign calendar with each year's theme (centre admins type it),
// and the countdown to the next campaign month. Campaign runs themselves come next.
import { Router, type Request, type Response } from "express";
import { defaultCalendar, vietnamDay } from "../../broadcasts/calendar.js";
import { audit } from "../audit.js";
import { requireRole } from "../auth/middleware.js";
import type { StaffContext } from "../context.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import type { Staff } from "../principal.js";
import { html } from "../html.js";
import { campaignList, calendarPage, campaignScope, type ThemeProblem } from "./views.js";
import { campaignRunsRouter } from "./runs.js";

const NS = "staff-campaigns";

export function campaignsRouter(ctx: StaffContext): Router {
  const r = Router();
  r.use(campaignRunsRouter(ctx));
  const who = (res: Response) => res.locals.staff as Staff;
  const text = (req: Request, k: string) => {
    const v = (req.body as Record<string, unknown> | undefined)?.[k];
    return typeof v === "string" ? v.trim() : "";
  };
  const thisYear = () => Number(vietnamDay(new Date()).slice(0, 4));
  const show = async (res: Response, year: number, opts: Parameters<typeof calendarPage>[5] = {}, status = 200) => {
    const staff = who(res);
    const t = staffT(staff.lang, NS);
    const themes = await ctx.db.campaignTheme.findMany({ where: { year: { in: [year, year + 1] } } });
    const campaigns = await ctx.db.campaign.findMany({ where: campaignScope(staff), orderBy: { id: "desc" }, take: 100, select: { id: true, name: true, status: true, startAt: true } });
    res.status(status).type("html").send(page(staffT(staff.lang), staff, t("title"), html`${campaignList(t, campaigns)}${calendarPage(t, staff, year, themes, new Date(), opts)}`, { lang: staff.lang, path: "/staff/campaigns" }));
  };

  r.get("/campaigns", async (req, res) => {
    const y = Number(req.query.year);
    const year = Number.isInteger(y) && y >= 2020 && y <= 2100 ? y : thisYear();
    await show(res, year, { ...(req.query.saved === "1" ? { notice: staffT(who(res).lang, NS)("theme.saved") } : {}) });
  });

  r.post("/campaigns/theme", requireRole("centre_admin"), async (req, res) => {
    const entryId = text(req, "entry_id");
    const year = Number(text(req, "year"));
    const vi = text(req, "theme_vi");
    const en = text(req, "theme_en");
    const entry = defaultCalendar().find((e) => e.id === entryId && e.kind === "month");
    const problems: ThemeProblem[] = [];
    if (!entry) problems.push({ field: "theme_vi", code: "unknownEntry" });
    if (!Number.isInteger(year) || year < thisYear() - 1 || year > thisYear() + 2) problems.push({ field: "theme_vi", code: "year" });
    if (vi === "") problems.push({ field: "theme_vi", code: "required" });
    else if (vi.length > 200) problems.push({ field: "theme_vi", code: "tooLong" });
    if (en.length > 200) problems.push({ field: "theme_en", code: "tooLong" });
    const shownYear = Number.isInteger(year) && year >= 2020 && year <= 2100 ? year : thisYear();
    if (problems.length > 0) return show(res, shownYear, { problems: { entryId, list: problems, typed: { vi, en } } }, 400);
    const data = { themeVi: vi, themeEn: en || null, setBy: who(res).id };
    await ctx.db.campaignTheme.upsert({ where: { entryId_year: { entryId, year } }, create: { entryId, year, ...data }, update: data });
    await audit(ctx.db, who(res), "campaign.theme", "calendar_entry", `${entryId}/${year}`);
    res.redirect(303, `/staff/campaigns?year=${year}&saved=1#entry-${entryId}`);
  });
  return r;
}
