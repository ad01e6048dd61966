// Admins read the audit log: newest first, who did what to which object.
import { Router } from "express";
import { html } from "./html.js";
import { staffT } from "./i18n.js";
import { page } from "./layout.js";
import type { Staff } from "./principal.js";
import type { StaffContext } from "./context.js";
import { requireRole } from "./auth/middleware.js";

export function auditRouter(ctx: StaffContext): Router {
  const r = Router();
  r.get("/audit", requireRole("centre_admin"), async (_req, res) => {
    const staff = res.locals.staff as Staff;
    const t = staffT(staff.lang);
    const rows = await ctx.db.auditLog.findMany({ orderBy: { id: "desc" }, take: 200 });
    const people = new Map((await ctx.db.staffUser.findMany({ select: { id: true, email: true } })).map((u) => [u.id, u.email]));
    const body = html`<table><thead><tr><th>${t("audit.at")}</th><th>${t("audit.who")}</th><th>${t("audit.action")}</th><th>${t("audit.object")}</th><th>${t("audit.detail")}</th></tr></thead><tbody>
${rows.map((a) => html`<tr><td>${a.at.toISOString().slice(0, 16).replace("T", " ")}</td><td>${people.get(a.staffId) ?? a.staffId}</td><td>${a.action}</td><td>${a.objectType} ${a.objectId ?? ""}</td><td>${a.detail ?? ""}</td></tr>`)}
</tbody></table>`;
    res.type("html").send(page(t, staff, t("audit.title"), body, { lang: staff.lang, path: "/staff/audit" }));
  });
  return r;
}
