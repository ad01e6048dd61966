// Every /staff request: security headers, the session (if any) as res.locals.staff,
// CSRF on every state-changing request, and role checks.
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../../db/client.js";
import { staffLang } from "../i18n.js";
import type { Role, Staff } from "../principal.js";
import { cookieValue, findSession, SESSION_COOKIE } from "./sessions.js";
import { timingSafeEqual } from "node:crypto";

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
  next();
}

export function loadStaff(db: Db) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const lang = staffLang(req);
    res.locals.lang = lang;
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (token) {
      const session = await findSession(db, token);
      const user = session ? await db.staffUser.findUnique({ where: { id: session.staffId } }) : null;
      if (session && user?.active) {
        const staff: Staff = { id: user.id, email: user.email, name: user.name, role: user.role as Role, areaCode: user.areaCode, csrfToken: session.csrfToken, lang };
        res.locals.staff = staff;
      }
    }
    next();
  };
}

export function requireStaff(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.staff) return next();
  if (req.method === "GET" && req.accepts("html")) return res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl)}`);
  res.status(401).json({ error: "sign in required" });
}

export function requireRole(...roles: Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const staff = res.locals.staff as Staff | undefined;
    if (staff && roles.includes(staff.role)) return next();
    res.status(404).send("Not found");
  };
}

/** Forms carry _csrf; script calls send X-CSRF-Token. SameSite=Strict cookies are the second wall. */
export function checkCsrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const staff = res.locals.staff as Staff | undefined;
  const sent = (typeof req.body?._csrf === "string" ? req.body._csrf : undefined) ?? req.header("x-csrf-token") ?? "";
  const expected = staff?.csrfToken ?? "";
  const ok = expected.length > 0 && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (ok) return next();
  res.status(403).send("CSRF token missing or wrong");
}
