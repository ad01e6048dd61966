// The staff console at /staff. Sign-in is public; everything else needs a session, and
// every state-changing request needs the session's CSRF token.
import { resolve } from "node:path";
import express, { Router } from "express";
import { auditRouter } from "./audit-page.js";
import { campaignsRouter } from "./campaigns/index.js";
import { channelAccountsRouter } from "./channel-accounts/index.js";
import { directoryRouter } from "./directory/index.js";
import { handoverRouter } from "./handover/index.js";
import { incidentsRouter } from "./incidents/index.js";
import { reportsRouter } from "./reports/index.js";
import { checkCsrf, loadStaff, requireStaff, securityHeaders } from "./auth/middleware.js";
import { loginRouter, logoutRouter } from "./auth/login.js";
import type { StaffContext } from "./context.js";
import { LANG_COOKIE } from "./i18n.js";

const ASSETS = resolve(import.meta.dirname, "assets");

/** Sections add themselves here, one line each. */
const SECTIONS: ((ctx: StaffContext) => Router)[] = [reportsRouter, handoverRouter, directoryRouter, campaignsRouter, channelAccountsRouter, incidentsRouter, auditRouter];

export function staffRouter(ctx: StaffContext): Router {
  const secure = (ctx.config.PUBLIC_BASE_URL ?? "").startsWith("https://");
  const r = Router();
  r.use(securityHeaders);
  r.use("/assets", express.static(ASSETS, { maxAge: "1h", fallthrough: false }));
  r.use(express.urlencoded({ extended: false, limit: "2mb" }));
  r.use(express.json({ limit: "1mb" }));
  r.use(loadStaff(ctx.db));
  r.use((req, res, next) => {
    if (typeof req.query.lang === "string" && (req.query.lang === "vi" || req.query.lang === "en")) {
      res.append("Set-Cookie", `${LANG_COOKIE}=${req.query.lang}; Path=/staff; SameSite=Strict; Max-Age=31536000`);
    }
    next();
  });
  r.use(loginRouter(ctx.db, secure));
  r.use(requireStaff, checkCsrf);
  r.use(logoutRouter(ctx.db));
  for (const section of SECTIONS) r.use(section(ctx));
  return r;
}
