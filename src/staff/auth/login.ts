// Sign in and out. Failed attempts lock the account for a while; the answer never says
// whether an email exists. The login form has its own CSRF token (double submit cookie)
// because there is no session yet.
import { randomBytes } from "node:crypto";
import { Router, type Request, type Response } from "express";
import type { Db } from "../../db/client.js";
import { hitWindow, refundWindow } from "../../db/rate-window.js";
import { log } from "../../log.js";
import { html } from "../html.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import { DUMMY_HASH, verifyPassword } from "./password.js";
import { clearedCookie, cookieValue, createSession, destroySession, SESSION_COOKIE, sessionCookie } from "./sessions.js";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Attempts that failed from one client address in a window; an office behind one NAT stays far below it. */
export const MAX_ATTEMPTS_PER_ADDRESS = 20;
const LOGIN_IP_LIMIT = { name: "login-ip", windowMs: LOCK_MINUTES * 60_000 };
const LOGIN_CSRF = "ct_login_csrf";

export function loginRouter(db: Db, secureCookies: boolean): Router {
  const r = Router();
  r.get("/login", (req, res) => showLogin(req, res, secureCookies));
  r.post("/login", async (req, res) => {
    const lang = res.locals.lang as string;
    const t = staffT(lang);
    const token = cookieValue(req.headers.cookie, LOGIN_CSRF);
    if (!token || req.body?._csrf !== token) return void res.status(403).send("CSRF token missing or wrong");
    const email = String(req.body?.email ?? "").trim().toLowerCase();
    const password = String(req.body?.password ?? "");
    const now = new Date();
    // Per client address first: guessing across many accounts from one place stops too.
    // Every attempt is counted before the password is checked and given back if it was
    // right, so parallel guesses cannot all slip in under the limit.
    const client = req.ip ?? "unknown";
    const fromHere = await hitWindow(db, LOGIN_IP_LIMIT, client, now);
    if (fromHere.count > MAX_ATTEMPTS_PER_ADDRESS) {
      if (fromHere.count === MAX_ATTEMPTS_PER_ADDRESS + 1) log.warn("sign-in attempts limited for a client address", { windowMinutes: LOCK_MINUTES });
      res.setHeader("Retry-After", String(Math.max(1, Math.ceil((fromHere.resetAt.getTime() - now.getTime()) / 1000))));
      return showLogin(req, res, secureCookies, t("login.tooMany", { minutes: LOCK_MINUTES }), 429);
    }
    const user = await db.staffUser.findUnique({ where: { email } });
    const attempt = user ? await reserveAttempt(db, user.id, now) : { locked: false, last: false };
    if (attempt.locked) {
      await verifyPassword(password, DUMMY_HASH);
      return showLogin(req, res, secureCookies, t("login.locked", { minutes: LOCK_MINUTES }), 429);
    }
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      if (user && attempt.last) await lockAccount(db, user.id, now);
      return showLogin(req, res, secureCookies, t("login.failed"), 401);
    }
    await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
    await refundWindow(db, LOGIN_IP_LIMIT, client, now);
    const session = await createSession(db, user.id, now);
    res.setHeader("Set-Cookie", [sessionCookie(session.token, session.expiresAt, secureCookies), `${LOGIN_CSRF}=; Path=/staff; Max-Age=0`]);
    const next = typeof req.query.next === "string" && req.query.next.startsWith("/staff") && !req.query.next.startsWith("//") ? req.query.next : "/staff";
    res.redirect(303, next);
  });
  return r;
}

/** Mounted behind the session and CSRF checks, so a forged form cannot sign someone out. */
export function logoutRouter(db: Db): Router {
  const r = Router();
  r.post("/logout", async (req, res) => {
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (token) await destroySession(db, token);
    res.setHeader("Set-Cookie", clearedCookie());
    res.redirect(303, "/staff/login");
  });
  return r;
}

function showLogin(req: Request, res: Response, secure: boolean, error?: string, status = 200): void {
  const lang = res.locals.lang as string;
  const t = staffT(lang);
  const token = randomBytes(24).toString("base64url");
  res.setHeader("Set-Cookie", `${LOGIN_CSRF}=${token}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=1800${secure ? "; Secure" : ""}`);
  const next = typeof req.query.next === "string" ? req.query.next : "";
  const body = html`${error ? html`<p class="error" role="alert">${error}</p>` : ""}
<form method="post" action="/staff/login${next ? `?next=${encodeURIComponent(next)}` : ""}" class="card">
<input type="hidden" name="_csrf" value="${token}">
<label>${t("login.email")}<input type="email" name="email" autocomplete="username" required></label>
<label>${t("login.password")}<input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">${t("login.submit")}</button></form>`;
  res.status(status).type("html").send(page(t, null, t("login.title"), body, { lang }));
}

/**
 * Takes one of the account's attempts before its password is checked: one conditional
 * UPDATE … RETURNING, so of any number of parallel guesses only MAX_FAILED_LOGINS are ever
 * checked; the rest are refused as locked. A right password gives the count back.
 */
async function reserveAttempt(db: Db, id: number, now: Date): Promise<{ locked: boolean; last: boolean }> {
  const rows = await db.staffUser.updateManyAndReturn({
    where: { id, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failedLogins: { increment: 1 } },
    select: { failedLogins: true },
  });
  const count = rows[0]?.failedLogins;
  if (count === undefined) return { locked: true, last: false }; // locked right now
  if (count > MAX_FAILED_LOGINS) {
    await lockAccount(db, id, now);
    return { locked: true, last: false };
  }
  return { locked: false, last: count === MAX_FAILED_LOGINS };
}

async function lockAccount(db: Db, id: number, now: Date): Promise<void> {
  const locked = await db.staffUser.updateMany({
    where: { id, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000), failedLogins: 0 },
  });
  if (locked.count === 1) log.warn("staff account locked after failed sign-ins", { staffId: id });
}
