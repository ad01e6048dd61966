// Campaign runs in the console: create one (from a calendar entry in one click), see who the
// platforms let it reach and why not the others. Every campaign stays inside the area of the
// staff member who made it; outside it, a campaign is "not found".
import { Router, type Request, type Response } from "express";
import { previewAudience, type Audience, type Preview } from "../../broadcasts/audience.js";
import { defaultCalendar } from "../../broadcasts/calendar.js";
import { DEFAULT_RULES } from "../../broadcasts/eligibility.js";
import { campaignReport, cancelCampaign, progressOf } from "../../broadcasts/progress.js";
import { defaultAreas } from "../../areas/index.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html } from "../html.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import type { Staff } from "../principal.js";
import { canSeeCampaign } from "./views.js";
import { kitBlock, kitRouter } from "./kit.js";
import { reportRouter, reportTable } from "./report.js";
import { progressEventsRoute } from "./progress-events.js";
import { blankForm, checkForm, readForm, type CampaignForm, type FormProblem } from "./campaign-form.js";
import { messageBlocks, newCampaignForm, paidCount, previewBlock } from "./campaign-views.js";
import { parseContent } from "../../broadcasts/messages.js";
import { availableLanguages } from "../../i18n.js";

const NS = "staff-campaigns";

type CampaignRow = NonNullable<Awaited<ReturnType<StaffContext["db"]["campaign"]["findUnique"]>>>;


export function campaignRunsRouter(ctx: StaffContext): Router {
  const r = Router();
  r.use(kitRouter(ctx));
  r.use(reportRouter(ctx));
  r.get("/campaigns/:id/events", progressEventsRoute(ctx));
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
    const checked = checkForm(f, staff, platforms(), now, availableLanguages());
    if (checked.problems.length > 0) return formPage(res, f, checked.problems, 400);
    // A poster code must exist and belong to a campaign this staff member can see.
    if (f.poster_code) {
      const code = await ctx.db.referralCode.findUnique({ where: { code: f.poster_code } });
      const owner = code ? await ctx.db.campaign.findUnique({ where: { id: code.campaignId } }) : null;
      if (!owner || !canSeeCampaign(staff, owner)) return formPage(res, f, [{ field: "poster_code", code: "unknownCode" }], 400);
    }
    const rules = { ...DEFAULT_RULES, ...checked.rules! };
    const preview = await previewAudience(ctx.db, checked.audience!, ctx.channels, rules, now);
    // Nobody in it: nothing is created, and the form says so with what was typed kept.
    if (preview.total === 0) return formPage(res, f, [{ field: "audience", code: "emptyAudience" }], 400);
    const a = checked.audience!;
    const row = await ctx.db.campaign.create({
      data: {
        name: f.name,
        calendarEntryId: f.entry_id || null,
        messages: JSON.stringify(checked.content!),
        audience: JSON.stringify(a),
        startAt: checked.startAt!,
        quietFrom: rules.quietFrom,
        quietTo: rules.quietTo,
        perDay: rules.perDay,
        perWeek: rules.perWeek,
        rounds: checked.repeat!.rounds,
        repeatDays: checked.repeat!.repeatDays,
        paidAllowed: checked.paid!.allowed,
        paidPriceVnd: checked.paid!.priceVnd,
        audienceCutoff: preview.cutoff,
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
    if (!row || !canSeeCampaign(who(res), row)) {
      const t = staffT(who(res).lang, NS);
      show(res, t("notFound"), html`<p>${t("notFound")}</p><p><a href="/staff/campaigns">${t("back")}</a></p>`, 404);
      return null;
    }
    return row;
  }

  const detail = async (res: Response, row: CampaignRow, notice = "") => {
    const progress = await progressOf(ctx.db, row.id);
    const staff = who(res);
    const t = staffT(staff.lang, NS);
    const content = parseContent(row.messages);
    const a = JSON.parse(row.audience) as Audience;
    const preview = row.preview ? (JSON.parse(row.preview) as Preview) : null;
    const areas = defaultAreas();
    const area = a.communeCode ? (areas.communesByCode.get(a.communeCode)?.name ?? a.communeCode) : a.provinceCode ? (areas.provincesByCode.get(a.provinceCode)?.name ?? a.provinceCode) : t("form.allProvinces");
    const act = (action: string, label: string, cls = "") => html`<form method="post" action="/staff/campaigns/${row.id}/${action}" class="inline">${html`<input type="hidden" name="_csrf" value="${staff.csrfToken}">`}<button type="submit"${cls ? html` class="${cls}"` : ""}>${label}</button></form>`;
    const actions = [
      row.status === "draft" ? act("submit", t("actions.submit")) : "",
      row.status === "needs_approval" && row.createdBy !== staff.id ? act("approve", t("actions.approve")) : "",
      row.status === "needs_approval" && row.createdBy === staff.id ? html`<p class="hint">${t("actions.waitApproval")}</p>` : "",
      row.status === "running" ? act("pause", t("actions.pause")) : "",
      row.status === "paused" ? act("resume", t("actions.resume")) : "",
      ["draft", "needs_approval", "running", "paused"].includes(row.status) ? act("cancel", t("actions.cancel"), "danger") : "",
    ];
    const done = ["sent", "delivered", "seen"].reduce((s, k) => s + (progress.byStatus[k] ?? 0), 0);
    // Shown as soon as the run starts (before its first tick has written anyone): the stream fills it in.
    const progressBlock = progress.total > 0 || ["running", "paused"].includes(row.status) ? html`<section data-progress-url="/staff/campaigns/${row.id}/events"><h2>${t("progress.title")}</h2>
<p data-live data-template="${t("progress.live")}">${t("progress.sent", { n: done, total: progress.total })}</p>
<progress max="${progress.total}" value="${progress.total - ["eligible", "deferred", "queued"].reduce((s, k) => s + (progress.byStatus[k] ?? 0), 0)}"></progress>
<ul class="progress">${Object.entries(progress.byStatus).map(([k, v]) => html`<li data-status="${k}" data-count="${v}">${t(`recipient.${k}`)}: ${v}</li>`)}</ul>
</section><script src="/staff/assets/campaign.js" defer></script>` : "";
    const body = html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}<p><a href="/staff/campaigns">${t("back")}</a></p>
<dl><dt>${t("detail.status")}</dt><dd data-status="${row.status}">${t(`status.${row.status}`)}</dd><dt>${t("detail.area")}</dt><dd>${area}</dd>
<dt>${t("detail.who")}</dt><dd>${t(`who.${a.who}`)}${a.subscribedOnly ? html` · ${t("field.subscribed_only")}` : ""}${a.languages.length > 0 ? html` · ${t("field.languages")}: ${a.languages.join(", ")}` : ""}${a.referralCode ? html` · ${t("field.poster_code")}: <code>${a.referralCode}</code>` : ""}</dd>
<dt>${t("detail.start")}</dt><dd>${new Date(row.startAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")} (${t("detail.vnTime")})</dd>
<dt>${t("detail.rules")}</dt><dd>${t("detail.rulesText", { from: row.quietFrom, to: row.quietTo, perDay: row.perDay })} · ${t("detail.perWeek", { n: row.perWeek })}</dd>
${row.rounds > 1 ? html`<dt>${t("detail.rounds")}</dt><dd data-rounds="${row.rounds}">${t("detail.roundsText", { rounds: row.rounds, days: row.repeatDays, round: row.round + 1 })}</dd>` : ""}
${row.paidAllowed ? html`<dt>${t("detail.paid")}</dt><dd data-paid>${t("detail.paidText", { price: (row.paidPriceVnd ?? 0).toLocaleString("vi-VN"), cost: (paidCount(preview) * (row.paidPriceVnd ?? 0)).toLocaleString("vi-VN"), n: paidCount(preview), at: row.createdAt.toISOString().slice(0, 10) })}</dd>` : ""}</dl>
<h2>${t("detail.message")}</h2>${messageBlocks(t, content)}
${preview ? previewBlock(t, preview, row.id) : ""}
${row.status === "draft" || row.status === "needs_approval" ? act("preview", t("detail.refresh")) : ""}
<div class="actions">${actions}</div>${progressBlock}${reportTable(t, row.id, await campaignReport(ctx.db, row.id))}${await kitBlock(ctx, t, staff, row)}`;
    show(res, row.name, body);
  };

  r.get("/campaigns/:id", async (req, res) => {
    const row = await load(req, res);
    const done = typeof req.query.done === "string" && /^[a-z]+$/.test(req.query.done) ? staffT(who(res).lang, NS)(`done.${req.query.done}`) : "";
    if (row) await detail(res, row, done);
  });

  /** A state change: allowed only from the given states; the staff member and the change are audited. */
  const transition = (action: string, from: string[], run: (row: CampaignRow, staff: Staff) => Promise<string | null>) =>
    r.post(`/campaigns/:id/${action}`, async (req, res) => {
      const row = await load(req, res);
      if (!row) return;
      const staff = who(res);
      const t = staffT(staff.lang, NS);
      if (!from.includes(row.status)) return void show(res, row.name, html`<p class="field-error" role="alert">${t("actions.notNow", { status: t(`status.${row.status}`) })}</p><p><a href="/staff/campaigns/${row.id}">${t("back")}</a></p>`, 409);
      const refused = await run(row, staff);
      if (refused) return void show(res, row.name, html`<p class="field-error" role="alert">${t(refused)}</p><p><a href="/staff/campaigns/${row.id}">${t("back")}</a></p>`, 403);
      await audit(ctx.db, staff, `campaign.${action}`, "campaign", row.id);
      res.redirect(303, `/staff/campaigns/${row.id}?done=${action}`);
    });

  transition("submit", ["draft"], async (row) => {
    // Above the threshold a second person with rights over the area looks at the preview first.
    // (People in a paid window are never sent to: they end as "needs approval", with the reason.)
    const preview = row.preview ? (JSON.parse(row.preview) as Preview) : null;
    // Paid sends asked for: always a second person, whatever the size (broadcast-policy.md §3).
    const big = (preview?.total ?? 0) > ctx.config.CAMPAIGN_APPROVAL_ABOVE || row.paidAllowed;
    await ctx.db.campaign.update({ where: { id: row.id }, data: { status: big ? "needs_approval" : "running" } });
    return null;
  });
  transition("approve", ["needs_approval"], async (row, staff) => {
    if (row.createdBy === staff.id) return "actions.notYourOwn";
    await ctx.db.campaign.update({ where: { id: row.id }, data: { status: "running", approvedBy: staff.id, approvedAt: new Date() } });
    return null;
  });
  transition("pause", ["running"], async (row) => {
    await ctx.db.campaign.update({ where: { id: row.id }, data: { status: "paused" } });
    return null;
  });
  transition("resume", ["paused"], async (row) => {
    await ctx.db.campaign.update({ where: { id: row.id }, data: { status: "running" } });
    return null;
  });
  transition("cancel", ["draft", "needs_approval", "running", "paused"], async (row) => {
    await cancelCampaign(ctx.db, row.id);
    return null;
  });

  r.post("/campaigns/:id/preview", async (req, res) => {
    const row = await load(req, res);
    if (!row) return;
    const rules = { ...DEFAULT_RULES, quietFrom: row.quietFrom, quietTo: row.quietTo, perDay: row.perDay, perWeek: row.perWeek };
    const preview = await previewAudience(ctx.db, JSON.parse(row.audience) as Audience, ctx.channels, rules);
    // The approver approves what she sees: the approved set moves with the preview, and only before the run.
    await ctx.db.campaign.updateMany({ where: { id: row.id, status: { in: ["draft", "needs_approval"] } }, data: { preview: JSON.stringify(preview), audienceCutoff: preview.cutoff } });
    await audit(ctx.db, who(res), "campaign.preview", "campaign", row.id, `recipients=${preview.total}`);
    res.redirect(303, `/staff/campaigns/${row.id}`);
  });
  return r;
}
