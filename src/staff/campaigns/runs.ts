// Campaign runs in the console: create one (from a calendar entry in one click), see who the
// platforms let it reach and why not the others. Every campaign stays inside the area of the
// staff member who made it; outside it, a campaign is "not found".
import { Router, type Request, type Response } from "express";
import { previewAudience, type Audience, type Preview } from "../../broadcasts/audience.js";
import { defaultCalendar } from "../../broadcasts/calendar.js";
import { DEFAULT_RULES } from "../../broadcasts/eligibility.js";
import { defaultAreas } from "../../areas/index.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html } from "../html.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import { canSee, type Staff } from "../principal.js";
import { blankForm, checkForm, readForm, type CampaignForm, type FormProblem } from "./campaign-form.js";
import { newCampaignForm, previewBlock } from "./campaign-views.js";

const NS = "staff-campaigns";

type CampaignRow = NonNullable<Awaited<ReturnType<StaffContext["db"]["campaign"]["findUnique"]>>>;

/** A campaign is seen by whoever may see its area; a national one by the centre only. */
function visible(staff: Staff, c: Pick<CampaignRow, "provinceCode" | "communeCode">): boolean {
  if (staff.role === "centre_admin") return true;
  if (!c.provinceCode && !c.communeCode) return false;
  return canSee(staff, { provinceCode: c.provinceCode, communeCode: c.communeCode });
}

export function campaignRunsRouter(ctx: StaffContext): Router {
  const r = Router();
  const who = (res: Response) => res.locals.staff as Staff;
  const platforms = () => [...new Set([...ctx.channels.values()].map((c) => c.platform))];
  const show = (res: Response, title: string, body: ReturnType<typeof html>, status = 200) =>
    res.status(status).type("html").send(page(staffT(who(res).lang), who(res), title, body, { lang: who(res).lang, path: "/staff/campaigns" }));

  const formPage = (res: Response, f: CampaignForm, problems: FormProblem[], status = 200) => {
    const t = staffT(who(res).lang, NS);
    show(res, t("form.title"), newCampaignForm(t, who(res), f, platforms(), problems), status);
  };

  r.get("/campaigns/new", async (req, res) => {
    const staff = who(res);
    const entryId = typeof req.query.entry === "string" ? req.query.entry : "";
    const entry = defaultCalendar().find((e) => e.id === entryId);
    const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
    const theme = entry ? await ctx.db.campaignTheme.findUnique({ where: { entryId_year: { entryId: entry.id, year } } }) : null;
    const name = entry ? `${entry.name[staff.lang === "en" ? "en" : "vi"]} ${year}${theme ? `: ${theme.themeVi}` : ""}` : "";
    formPage(res, blankForm(staff, entry?.id ?? "", name, new Date()), []);
  });

  r.post("/campaigns/new", async (req, res) => {
    const staff = who(res);
    const now = new Date();
    const f = readForm((req.body ?? {}) as Record<string, unknown>);
    const checked = checkForm(f, staff, platforms(), now);
    if (checked.problems.length > 0) return formPage(res, f, checked.problems, 400);
    const rules = { ...DEFAULT_RULES, ...checked.rules! };
    const preview = await previewAudience(ctx.db, checked.audience!, ctx.channels, rules, now);
    // Nobody in it: nothing is created, and the form says so with what was typed kept.
    if (preview.total === 0) return formPage(res, f, [{ field: "audience", code: "emptyAudience" }], 400);
    const a = checked.audience!;
    const row = await ctx.db.campaign.create({
      data: {
        name: f.name,
        calendarEntryId: f.entry_id || null,
        messages: JSON.stringify([{ vi: f.message_vi, ...(f.message_en ? { en: f.message_en } : {}) }]),
        audience: JSON.stringify(a),
        startAt: checked.startAt!,
        quietFrom: rules.quietFrom,
        quietTo: rules.quietTo,
        perDay: rules.perDay,
        provinceCode: a.provinceCode,
        communeCode: a.communeCode,
        createdBy: staff.id,
        preview: JSON.stringify(preview),
      },
    });
    await audit(ctx.db, staff, "campaign.create", "campaign", row.id, `recipients=${preview.total}`);
    res.redirect(303, `/staff/campaigns/${row.id}`);
  });

  async function load(req: Request, res: Response): Promise<CampaignRow | null> {
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    const row = Number.isSafeInteger(id) ? await ctx.db.campaign.findUnique({ where: { id } }) : null;
    if (!row || !visible(who(res), row)) {
      const t = staffT(who(res).lang, NS);
      show(res, t("notFound"), html`<p>${t("notFound")}</p><p><a href="/staff/campaigns">${t("back")}</a></p>`, 404);
      return null;
    }
    return row;
  }

  const detail = (res: Response, row: CampaignRow) => {
    const staff = who(res);
    const t = staffT(staff.lang, NS);
    const messages = JSON.parse(row.messages) as { vi: string; en?: string }[];
    const a = JSON.parse(row.audience) as Audience;
    const preview = row.preview ? (JSON.parse(row.preview) as Preview) : null;
    const areas = defaultAreas();
    const area = a.communeCode ? (areas.communesByCode.get(a.communeCode)?.name ?? a.communeCode) : a.provinceCode ? (areas.provincesByCode.get(a.provinceCode)?.name ?? a.provinceCode) : t("form.allProvinces");
    const body = html`<p><a href="/staff/campaigns">${t("back")}</a></p>
<dl><dt>${t("detail.status")}</dt><dd data-status="${row.status}">${t(`status.${row.status}`)}</dd><dt>${t("detail.area")}</dt><dd>${area}</dd>
<dt>${t("detail.who")}</dt><dd>${t(`who.${a.who}`)}${a.subscribedOnly ? html` · ${t("field.subscribed_only")}` : ""}</dd>
<dt>${t("detail.start")}</dt><dd>${new Date(row.startAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")} (${t("detail.vnTime")})</dd>
<dt>${t("detail.rules")}</dt><dd>${t("detail.rulesText", { from: row.quietFrom, to: row.quietTo, perDay: row.perDay })}</dd></dl>
<h2>${t("detail.message")}</h2>${messages.map((m) => html`<blockquote lang="vi">${m.vi}<br><em>${t("stopLine")}</em></blockquote>${m.en ? html`<blockquote lang="en">${m.en}</blockquote>` : ""}`)}
${preview ? previewBlock(t, preview) : ""}
<form method="post" action="/staff/campaigns/${row.id}/preview">${html`<input type="hidden" name="_csrf" value="${staff.csrfToken}">`}<button type="submit">${t("detail.refresh")}</button></form>`;
    show(res, row.name, body);
  };

  r.get("/campaigns/:id", async (req, res) => {
    const row = await load(req, res);
    if (row) detail(res, row);
  });

  r.post("/campaigns/:id/preview", async (req, res) => {
    const row = await load(req, res);
    if (!row) return;
    const rules = { ...DEFAULT_RULES, quietFrom: row.quietFrom, quietTo: row.quietTo, perDay: row.perDay };
    const preview = await previewAudience(ctx.db, JSON.parse(row.audience) as Audience, ctx.channels, rules);
    await ctx.db.campaign.update({ where: { id: row.id }, data: { preview: JSON.stringify(preview) } });
    await audit(ctx.db, who(res), "campaign.preview", "campaign", row.id, `recipients=${preview.total}`);
    res.redirect(303, `/staff/campaigns/${row.id}`);
  });
  return r;
}
