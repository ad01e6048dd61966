// /staff/accounts (centre admins): the OAs and Pages this deployment serves. Add one, give it
// an area, pause and resume it, renew its authorisation, send it a test message. Every change
// is in the audit log (never a credential), and the running channels reload at once.
import { Router, type Request, type Response } from "express";
import { AccountError, createAccount, listAccounts } from "../../accounts/store.js";
import { pauseChannel, resumeChannel } from "../../core/channel-state.js";
import { queueOutbound } from "../../core/outbox.js";
import { windowFor } from "../../core/windows.js";
import { defaultAreas } from "../../areas/index.js";
import { audit } from "../audit.js";
import { requireRole } from "../auth/middleware.js";
import type { StaffContext } from "../context.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import type { Staff } from "../principal.js";
import { checkAddForm, readAddForm, type AccountProblem, type AddForm } from "./forms.js";
import { detailPage, listPage, type AccountView } from "./views.js";

const NS = "staff-accounts";
/** A staff pause has no end of its own: someone resumes it. */
const STAFF_PAUSE_UNTIL = new Date("9999-01-01T00:00:00Z");

export function channelAccountsRouter(ctx: StaffContext): Router {
  const r = Router();
  const admin = requireRole("centre_admin");
  const acc = ctx.accounts;
  if (!acc) return r;
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  const text = (req: Request, k: string) => (typeof body(req)[k] === "string" ? (body(req)[k] as string).trim() : "");
  const who = (res: Response) => res.locals.staff as Staff;
  const t = (res: Response) => staffT(who(res).lang, NS);
  const send = (res: Response, title: string, content: ReturnType<typeof listPage>, status = 200) =>
    res.status(status).type("html").send(page(staffT(who(res).lang), who(res), title, content, { lang: who(res).lang, path: "/staff/accounts" }));

  async function views(): Promise<AccountView[]> {
    const rows = await listAccounts(ctx.db);
    const states = await ctx.db.channelState.findMany({ where: { channel: { in: rows.map((x) => x.channel) } }, select: { channel: true, pausedUntil: true, pausedReason: true } });
    const now = Date.now();
    const auth = new Map(states.filter((s) => s.pausedUntil && s.pausedUntil.getTime() > now && s.pausedUntil.getTime() < STAFF_PAUSE_UNTIL.getTime()).map((s) => [s.channel, s.pausedReason ?? ""]));
    return rows.map((row) => ({ row, authPause: auth.get(row.channel) ?? null, running: ctx.channels.has(row.channel) }));
  }

  async function showList(res: Response, form: { value: AddForm | null; problems: AccountProblem[] } = { value: null, problems: [] }, notice = "", status = 200): Promise<void> {
    send(res, t(res)("title"), listPage(t(res), who(res), await views(), acc!.platforms, acc!.secrets.enabled, form, notice), status);
  }

  async function one(req: Request): Promise<AccountView | null> {
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    return (await views()).find((v) => v.row.id === id) ?? null;
  }

  async function showOne(res: Response, v: AccountView, problems: AccountProblem[] = [], notice = "", values: Record<string, string> = {}, status = 200): Promise<void> {
    const fields = ctx.channels.get(v.row.channel)?.reauthFields ?? [];
    send(res, v.row.name, detailPage(t(res), who(res), v, fields, problems, notice, values), status);
  }

  r.get("/accounts", admin, async (req, res) => {
    const done = typeof req.query.done === "string" ? req.query.done : "";
    const name = typeof req.query.name === "string" ? req.query.name.slice(0, 100) : "";
    await showList(res, undefined, done === "created" ? t(res)("done.created", { name }) : "");
  });

  r.post("/accounts", admin, async (req, res) => {
    const form = readAddForm(body(req), acc.platforms);
    const problems = acc.secrets.enabled ? checkAddForm(form, acc.platforms, ctx.config) : [{ field: "credentials", code: "noKey" }];
    if (problems.length > 0) return showList(res, { value: form, problems }, "", 400);
    try {
      const row = await createAccount(ctx.db, acc.secrets, { platform: form.platform, externalId: form.external_id, name: form.name, provinceCode: form.province_code || null, credentials: form.credentials });
      await audit(ctx.db, who(res), "account.create", "channel_account", row.id, `platform=${row.platform} area=${row.provinceCode ?? "national"}`);
      await acc.reload();
      res.redirect(303, `/staff/accounts?done=created&name=${encodeURIComponent(row.name)}`);
    } catch (err) {
      if (err instanceof AccountError) return showList(res, { value: form, problems: [{ field: err.field === "externalId" ? "external_id" : err.field, code: err.code }] }, "", 400);
      throw err;
    }
  });

  r.get("/accounts/:id", admin, async (req, res) => {
    const v = await one(req);
    if (!v) return void res.status(404).type("html").send(page(staffT(who(res).lang), who(res), t(res)("notFound"), listPage(t(res), who(res), [], [], true, { value: null, problems: [] }, ""), { lang: who(res).lang }));
    const done = typeof req.query.done === "string" && /^[a-z]+$/.test(req.query.done) ? t(res)(`done.${req.query.done}`) : "";
    await showOne(res, v, [], done);
  });

  r.post("/accounts/:id/edit", admin, async (req, res) => {
    const v = await one(req);
    if (!v) return void res.sendStatus(404);
    const name = text(req, "name");
    const province = text(req, "province_code");
    const problems: AccountProblem[] = [];
    if (name === "") problems.push({ field: "name", code: "required" });
    else if (name.length > 100) problems.push({ field: "name", code: "tooLong" });
    if (province !== "" && !defaultAreas().provincesByCode.has(province)) problems.push({ field: "province_code", code: "unknownProvince" });
    if (problems.length > 0) return showOne(res, v, problems, "", { name, province_code: province }, 400);
    await ctx.db.channelAccount.update({ where: { id: v.row.id }, data: { name, provinceCode: province || null } });
    await audit(ctx.db, who(res), "account.edit", "channel_account", v.row.id, `area=${province || "national"}`);
    await acc.reload();
    res.redirect(303, `/staff/accounts/${v.row.id}?done=saved`);
  });

  r.post("/accounts/:id/pause", admin, async (req, res) => {
    const v = await one(req);
    if (!v) return void res.sendStatus(404);
    const reason = text(req, "reason");
    if (reason === "" || reason.length > 200) return showOne(res, v, [{ field: "reason", code: reason === "" ? "required" : "tooLong" }], "", { reason }, 400);
    await ctx.db.channelAccount.update({ where: { id: v.row.id }, data: { status: "paused", pausedReason: reason } });
    // The outbox holds a paused channel's rows (as after an auth failure) until it is resumed.
    await pauseChannel(ctx.db, v.row.channel, STAFF_PAUSE_UNTIL, `staff: ${reason}`);
    await audit(ctx.db, who(res), "account.pause", "channel_account", v.row.id);
    res.redirect(303, `/staff/accounts/${v.row.id}?done=paused`);
  });

  r.post("/accounts/:id/resume", admin, async (req, res) => {
    const v = await one(req);
    if (!v) return void res.sendStatus(404);
    await ctx.db.channelAccount.update({ where: { id: v.row.id }, data: { status: "active", pausedReason: null } });
    await resumeChannel(ctx.db, v.row.channel);
    ctx.onOutboxQueued();
    await audit(ctx.db, who(res), "account.resume", "channel_account", v.row.id);
    res.redirect(303, `/staff/accounts/${v.row.id}?done=resumed`);
  });

  r.post("/accounts/:id/reauth", admin, async (req, res) => {
    const v = await one(req);
    const channel = v && ctx.channels.get(v.row.channel);
    if (!v) return void res.sendStatus(404);
    if (!channel?.reauthorise) return showOne(res, v, [{ field: "reauth", code: "noChannel" }], "", {}, 400);
    const input = Object.fromEntries((channel.reauthFields ?? []).map((f) => [f, text(req, f)]).filter(([, x]) => x !== ""));
    if (Object.keys(input).length === 0) return showOne(res, v, [{ field: channel.reauthFields?.[0] ?? "reauth", code: "required" }], "", {}, 400);
    const outcome = await channel.reauthorise(input);
    await audit(ctx.db, who(res), "account.reauthorise", "channel_account", v.row.id, `outcome=${outcome} fields=${Object.keys(input).join("+")}`);
    if (outcome !== "ok") return showOne(res, v, [{ field: "reauth", code: outcome }], "", {}, 400);
    // New credentials end an auth pause and release what it held; a staff pause stays until resumed.
    if (v.row.status !== "paused") await resumeChannel(ctx.db, v.row.channel);
    ctx.onOutboxQueued();
    res.redirect(303, `/staff/accounts/${v.row.id}?done=reauthorised`);
  });

  r.post("/accounts/:id/test", admin, async (req, res) => {
    const v = await one(req);
    if (!v) return void res.sendStatus(404);
    const channel = ctx.channels.get(v.row.channel);
    const userId = channel?.parseUserId(text(req, "user_id")) ?? null;
    if (!channel) return showOne(res, v, [{ field: "user_id", code: "noChannel" }], "", {}, 400);
    if (!userId) return showOne(res, v, [{ field: "user_id", code: "required" }], "", {}, 400);
    // A test is a message nobody asked for: only inside the account's free proactive window.
    const conv = await ctx.db.conversation.findUnique({ where: { channel_userId: { channel: channel.id, userId } }, select: { lastInboundAt: true } });
    const win = windowFor(channel, channel.policy.proactive, conv?.lastInboundAt ?? null, new Date());
    if (!win.allowed || win.paid) {
      const reason = win.allowed ? win.policy : win.refusal;
      return showOne(res, v, [{ field: "user_id", code: "window", vars: { reason } }], "", { user_id: userId }, 400);
    }
    const message = { channel: channel.id, recipientId: userId, text: t(res)("detail.testText", { name: v.row.name }), purpose: "reminder" as const };
    await queueOutbound(ctx.db, ctx.channels, [message], { dedupePrefix: `account-test:${v.row.id}:${Date.now()}` });
    ctx.onOutboxQueued();
    await audit(ctx.db, who(res), "account.test", "channel_account", v.row.id);
    res.redirect(303, `/staff/accounts/${v.row.id}?done=testQueued`);
  });
  return r;
}
