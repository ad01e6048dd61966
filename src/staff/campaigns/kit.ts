// The referral kit of a campaign: a code per commune, the m.me link of each Page with that
// code, the keyword to read out ("THAM GIA <code>") with a loudspeaker script, and how many
// people came through each (counts only).
import { Router, type Response } from "express";
import { defaultAreas } from "../../areas/index.js";
import { posterPdf } from "../../broadcasts/poster.js";
import { createCodes, visitCounts } from "../../broadcasts/referral.js";
import { emergencyHotlines } from "../../content/hotlines.js";
import { staffT } from "../i18n.js";
import type { Translate } from "../../i18n.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html, type Html } from "../html.js";
import { csrfField } from "../layout.js";
import type { Staff } from "../principal.js";
import { canSeeCampaign } from "./views.js";

type CampaignRow = NonNullable<Awaited<ReturnType<StaffContext["db"]["campaign"]["findUnique"]>>>;

/** Each account that has a link format carrying a code (Messenger's m.me ?ref=) gives one. */
function links(ctx: StaffContext, code: string): string[] {
  return [...ctx.channels.values()].flatMap((c) => c.referralLink?.(code) ?? []);
}

export async function kitBlock(ctx: StaffContext, t: Translate, staff: Staff, row: CampaignRow): Promise<Html> {
  const counts = await visitCounts(ctx.db, row.id);
  const areas = defaultAreas();
  const commune = (code: string | null) => (code ? (areas.communesByCode.get(code)?.name ?? code) : t("form.allProvinces"));
  const first = counts[0];
  return html`<section><h2>${t("kit.title")}</h2><p class="hint">${t("kit.intro")}</p>
${counts.length === 0 ? html`<form method="post" action="/staff/campaigns/${row.id}/codes">${csrfField(staff)}<button type="submit">${t("kit.make")}</button></form>`
  : html`<div class="table-wrap"><table><thead><tr><th>${t("kit.commune")}</th><th>${t("kit.code")}</th><th>${t("kit.keyword")}</th><th>${t("kit.links")}</th><th>${t("kit.came")}</th></tr></thead><tbody>
${counts.map((c) => html`<tr data-code="${c.code}"><td>${commune(c.communeCode)}</td><td><code>${c.code}</code></td><td>THAM GIA ${c.code}</td><td>${links(ctx, c.code).map((l) => html`<a href="${l}">${l}</a> `)} <a class="button" href="/staff/campaigns/${row.id}/poster/${c.code}.pdf" download>${t("kit.poster")}</a></td>
<td data-link="${c.link}" data-keyword="${c.keyword}" data-delivered="${c.delivered}">${t("kit.counts", { link: c.link, keyword: c.keyword, delivered: c.delivered })}</td></tr>`)}
</tbody></table></div>
<h3>${t("kit.scriptTitle")}</h3><pre class="script">${t("kit.script", { keyword: `THAM GIA ${first!.code}` })}</pre>`}</section>`;
}

export function kitRouter(ctx: StaffContext): Router {
  const r = Router();
  const who = (res: Response) => res.locals.staff as Staff;
  r.post("/campaigns/:id/codes", async (req, res) => {
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    const row = Number.isSafeInteger(id) ? await ctx.db.campaign.findUnique({ where: { id } }) : null;
    if (!row || !canSeeCampaign(who(res), row)) return void res.sendStatus(404);
    // One code per commune of the campaign's area (one for a commune campaign, one for a national one).
    const communes = row.communeCode ? [row.communeCode] : row.provinceCode ? (defaultAreas().provincesByCode.get(row.provinceCode)?.communes ?? []).map((c) => c.code) : [null];
    const made = await createCodes(ctx.db, row.id, communes);
    await audit(ctx.db, who(res), "campaign.codes", "campaign", row.id, `codes=${made}`);
    res.redirect(303, `/staff/campaigns/${row.id}`);
  });

  // The A4 poster of one code (PDF): to print for the commune board, the market, the health station.
  r.get("/campaigns/:id/poster/:code.pdf", async (req, res) => {
    const staff = who(res);
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    const row = Number.isSafeInteger(id) ? await ctx.db.campaign.findUnique({ where: { id } }) : null;
    const code = row ? await ctx.db.referralCode.findFirst({ where: { campaignId: row.id, code: String(req.params.code).toUpperCase() } }) : null;
    if (!row || !code || !canSeeCampaign(staff, row)) return void res.sendStatus(404);
    const vi = staffT("vi", "staff-campaigns"); // posters are in Vietnamese
    const year = Number(new Date(row.createdAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 4));
    const theme = row.calendarEntryId ? await ctx.db.campaignTheme.findUnique({ where: { entryId_year: { entryId: row.calendarEntryId, year } } }) : null;
    const areas = defaultAreas();
    const commune = code.communeCode ? areas.communesByCode.get(code.communeCode) : undefined;
    const place = commune ? `${commune.fullName}, ${areas.provincesByCode.get(commune.provinceCode)?.fullName ?? ""}` : "";
    const keyword = `THAM GIA ${code.code}`;
    const pdf = await posterPdf({
      union: vi("poster.union"),
      campaign: row.name,
      theme: theme?.themeVi ?? null,
      commune: place,
      keyword,
      howTo: vi("poster.howTo"),
      links: links(ctx, code.code),
      scanHint: vi("poster.scan"),
      emergency: emergencyHotlines().filter((h) => h.id === "113" || h.id === "111").map((h) => ({ number: h.number, name: h.name.vi })),
      emergencyTitle: vi("poster.emergency"),
    });
    await audit(ctx.db, staff, "export", "campaign_poster", row.id, `code=${code.code}`);
    res.setHeader("Content-Type", "application/pdf");
    res.setHeader("Content-Disposition", `attachment; filename="ap-phich-${code.code}.pdf"`);
    res.send(pdf);
  });
  return r;
}
