// /staff/teams: the communication teams (Tổ truyền thông) in the staff member's area, how many
// leader accounts each has per channel, its invite code and its last report; create a team,
// reissue or revoke its code, close it. Teams outside the area answer 404.
import { Router, type Response } from "express";
import { defaultAreas } from "../../areas/index.js";
import { createTeam, reissueInvite, revokeInvite, toTeamRow } from "../../flows/team/membership.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { areaWhere, canSee } from "../principal.js";
import { communesInArea, formValue, NS, notFound, numericId, problemText, sendPage, staffOf } from "./shared.js";
import { staffT } from "../i18n.js";
import { missingReports, teamCreated, teamFormHtml, teamList, type TeamForm, type TeamListItem } from "./team-views.js";
import { quarterOf } from "../../flows/report/quarter.js";
import { html } from "../html.js";
import { platformOf } from "../../core/channel.js";

const LIST = "/staff/teams";
const MAX_NAME = 120;

export function teamRoutes(ctx: StaffContext): Router {
  const r = Router();
  const db = ctx.db;

  const findInArea = async (raw: string, res: Response) => {
    const id = numericId(raw);
    const team = id === null ? null : await db.team.findUnique({ where: { id } });
    if (!team || !canSee(staffOf(res).staff, team)) {
      notFound(res, LIST);
      return null;
    }
    return team;
  };

  r.get("/teams", async (req, res) => {
    const { staff, t } = staffOf(res);
    const teams = await db.team.findMany({ where: areaWhere(staff), orderBy: [{ active: "desc" }, { communeCode: "asc" }, { name: "asc" }] });
    const ids = teams.map((x) => x.id);
    const [members, reports] = await Promise.all([
      db.teamMember.groupBy({ by: ["teamId", "channel"], where: { teamId: { in: ids } }, _count: { _all: true } }),
      db.sessionReport.groupBy({ by: ["teamId"], where: { teamId: { in: ids } }, _max: { sessionDate: true } }),
    ]);
    const last = new Map(reports.map((x) => [x.teamId, x._max.sessionDate]));
    const items: TeamListItem[] = teams.map((x) => ({
      ...toTeamRow(x),
      inviteCode: x.inviteCode,
      // Counted per platform: a leader on the Lai Châu OA and one on the centre's OA are both "Zalo".
      members: members.filter((m) => m.teamId === x.id).reduce<Record<string, number>>((acc, m) => ({ ...acc, [platformOf(m.channel)]: (acc[platformOf(m.channel)] ?? 0) + m._count._all }), {}),
      lastReport: last.get(x.id) ?? null,
    }));
    const changed = typeof req.query.changed === "string" ? req.query.changed : "";
    // A column per platform this server runs, and for any platform members joined on before.
    const shown = [...new Map([...ctx.channels.values()].map((c) => [c.platform, c.label])).entries()];
    for (const m of members) if (!shown.some(([id]) => id === platformOf(m.channel))) shown.push([platformOf(m.channel), platformOf(m.channel)]);
    const columns = shown.map(([id, label]) => ({ id, label }));
    const quarter = quarterOf(new Date());
    const reportedThisQuarter = new Set(
      (await db.sessionReport.groupBy({ by: ["teamId"], where: { teamId: { in: ids }, sessionDate: { gte: quarter.start, lte: quarter.end } } })).map((x) => x.teamId),
    );
    const missing = items.filter((x) => x.active && !reportedThisQuarter.has(x.id));
    const end = `${quarter.end.slice(8, 10)}/${quarter.end.slice(5, 7)}/${quarter.end.slice(0, 4)}`;
    sendPage(res, t("teams.title"), html`${teamList(t, staff, items, changed, columns)}${missingReports(t, staffT("vi", NS), missing, { q: quarter.q, year: quarter.year, end }, columns)}`, LIST);
  });

  r.get("/teams/new", (_req, res) => {
    const { staff, t } = staffOf(res);
    const form: TeamForm = { name: "", commune_code: communesInArea(staff)[0]?.code ?? "", villages: "" };
    sendPage(res, t("teams.newTitle"), teamFormHtml(t, staff, form, new Map()), LIST);
  });

  r.post("/teams/new", async (req, res) => {
    const { staff, t } = staffOf(res);
    const form: TeamForm = { name: formValue(req, "name"), commune_code: formValue(req, "commune_code"), villages: formValue(req, "villages") };
    const problems = new Map<string, string>();
    if (form.name === "") problems.set("name", t("teams.problem.nameRequired"));
    else if (form.name.length > MAX_NAME) problems.set("name", t("teams.problem.nameTooLong", { max: MAX_NAME }));
    const commune = defaultAreas().communesByCode.get(form.commune_code);
    if (!commune) problems.set("commune_code", problemText(t, { code: "unknownCommune", vars: { code: form.commune_code } }));
    else if (!canSee(staff, { provinceCode: commune.provinceCode, communeCode: commune.code })) problems.set("commune_code", problemText(t, { code: "outsideArea" }));
    const villages = form.villages.split(",").map((v) => v.trim()).filter((v) => v !== "");
    if (villages.length === 0) problems.set("villages", t("teams.problem.villagesRequired"));
    if (!commune || problems.size > 0) return sendPage(res, t("teams.newTitle"), teamFormHtml(t, staff, form, problems), LIST, 422);
    const { team, inviteCode } = await createTeam(db, { name: form.name, provinceCode: commune.provinceCode, communeCode: commune.code, villages }, new Date());
    await audit(db, staff, "team.create", "team", team.id, `commune=${team.communeCode}`);
    sendPage(res, t("teams.createdTitle"), teamCreated(t, team, inviteCode), LIST, 201);
  });

  // Codes never go into the audit detail: the log is read more widely than the teams page.
  r.post("/teams/:id/reissue", async (req, res) => {
    const { staff } = staffOf(res);
    const team = await findInArea(req.params.id, res);
    if (!team) return;
    if (team.active) {
      await reissueInvite(db, team.id, new Date());
      await audit(db, staff, "team.reissue_code", "team", team.id);
    }
    res.redirect(303, `${LIST}?changed=${team.id}#team-${team.id}`);
  });

  r.post("/teams/:id/revoke", async (req, res) => {
    const { staff } = staffOf(res);
    const team = await findInArea(req.params.id, res);
    if (!team) return;
    await revokeInvite(db, team.id);
    await audit(db, staff, "team.revoke_code", "team", team.id);
    res.redirect(303, `${LIST}?changed=${team.id}#team-${team.id}`);
  });

  r.post("/teams/:id/deactivate", async (req, res) => {
    const { staff } = staffOf(res);
    const team = await findInArea(req.params.id, res);
    if (!team) return;
    // A closed team cannot report (findMembership) and its code no longer lets anyone in.
    await db.team.update({ where: { id: team.id }, data: { active: false, inviteCode: null, inviteIssuedAt: null } });
    await audit(db, staff, "team.deactivate", "team", team.id);
    res.redirect(303, `${LIST}?changed=${team.id}#team-${team.id}`);
  });
  return r;
}
