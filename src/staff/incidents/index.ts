// "Sự cố" (/staff/incidents, admins): inbound events the bot gave up on after its tries, and
// messages a platform refused for good. What failed, when, the error's kind (never what the
// person wrote), whether the emergency answer still went out, and a retry for the events.
// /healthz says "degraded" while any event is failed; this page is where a person acts on it.
import { Router } from "express";
import { platformOf } from "../../core/channel.js";
import { audit } from "../audit.js";
import { requireRole } from "../auth/middleware.js";
import type { StaffContext } from "../context.js";
import { html } from "../html.js";
import { staffT } from "../i18n.js";
import { csrfField, page } from "../layout.js";
import type { Staff } from "../principal.js";
import { vnTime } from "../handover/labels.js";

const NS = "staff-incidents";
const SHOWN = 200;

export function incidentsRouter(ctx: StaffContext): Router {
  const r = Router();
  r.get("/incidents", requireRole("centre_admin"), async (req, res) => {
    const staff = res.locals.staff as Staff;
    const t = staffT(staff.lang, NS);
    const failed = await ctx.db.inboxEvent.findMany({ where: { status: "failed" }, orderBy: { id: "desc" }, take: SHOWN, select: { id: true, channel: true, kind: true, attempts: true, lastError: true, receivedAt: true, processedAt: true } });
    const answered = new Set(
      (await ctx.db.outboxMessage.findMany({ where: { dedupeKey: { in: failed.map((e) => `safety:${e.id}:0`) } }, select: { dedupeKey: true } })).map((o) => Number(o.dedupeKey.split(":")[1])),
    );
    const refused = await ctx.db.outboxMessage.findMany({ where: { status: "failed" }, orderBy: { id: "desc" }, take: SHOWN, select: { id: true, channel: true, errorClass: true, lastError: true, createdAt: true, dedupeKey: true } });
    const total = await ctx.db.inboxEvent.count({ where: { status: "failed" } });
    const done = typeof req.query.done === "string" && /^\d{1,9}$/.test(req.query.done) ? html`<p class="notice" role="status">${t("retried", { id: req.query.done })}</p>` : "";
    const channel = (c: string) => t(`staff-handover:channel.${platformOf(c)}`, { defaultValue: c });
    const body = html`${done}<p>${t("intro")}</p>
<h2>${t("events.title", { n: total })}</h2>
${failed.length === 0 ? html`<p data-failed-events="0">${t("events.none")}</p>` : html`<div class="table-wrap"><table data-failed-events="${total}"><thead><tr><th>#</th><th>${t("events.when")}</th><th>${t("events.channel")}</th><th>${t("events.kind")}</th><th>${t("events.tries")}</th><th>${t("events.error")}</th><th>${t("events.safety")}</th><th></th></tr></thead><tbody>
${failed.map((e) => html`<tr data-event="${e.id}"><td>${e.id}</td><td>${vnTime(e.receivedAt)}</td><td>${channel(e.channel)}</td><td>${e.kind}</td><td>${e.attempts}</td><td><code>${(e.lastError ?? "").split(":")[0]!.slice(0, 60)}</code></td>
<td>${answered.has(e.id) ? t("events.answered") : t("events.notAnswered")}</td>
<td><form method="post" action="/staff/incidents/events/${e.id}/retry" class="inline">${csrfField(staff)}<button>${t("events.retry")}</button></form></td></tr>`)}
</tbody></table></div>`}
<h2>${t("sends.title")}</h2>
${refused.length === 0 ? html`<p>${t("sends.none")}</p>` : html`<div class="table-wrap"><table><thead><tr><th>#</th><th>${t("events.when")}</th><th>${t("events.channel")}</th><th>${t("sends.what")}</th><th>${t("events.error")}</th></tr></thead><tbody>
${refused.map((o) => html`<tr><td>${o.id}</td><td>${vnTime(o.createdAt)}</td><td>${channel(o.channel)}</td><td>${t(`sends.kind.${o.dedupeKey.split(":")[0]}`, { defaultValue: o.dedupeKey.split(":")[0] })}</td><td><code>${o.errorClass ?? ""} ${(o.lastError ?? "").split(":")[0]!.slice(0, 40)}</code></td></tr>`)}
</tbody></table></div>`}`;
    res.type("html").send(page(staffT(staff.lang), staff, t("title"), body, { lang: staff.lang, path: "/staff/incidents" }));
  });

  // Try a failed event again from the start: the worker takes it like a new one (its replies are
  // keyed by the event, so nothing already sent for it goes twice).
  r.post("/incidents/events/:id/retry", requireRole("centre_admin"), async (req, res) => {
    const staff = res.locals.staff as Staff;
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    const done = Number.isSafeInteger(id) ? await ctx.db.inboxEvent.updateMany({ where: { id, status: "failed" }, data: { status: "pending", attempts: 0, leaseUntil: null } }) : { count: 0 };
    if (done.count !== 1) {
      const t = staffT(staff.lang, NS);
      res.status(404).type("html").send(page(staffT(staff.lang), staff, t("title"), html`<p>${t("notFailed")}</p><p><a href="/staff/incidents">${t("back")}</a></p>`, { lang: staff.lang, path: "/staff/incidents" }));
      return;
    }
    await audit(ctx.db, staff, "incident.retry", "inbox_event", id);
    res.redirect(303, `/staff/incidents?done=${id}`);
  });
  return r;
}
