// Staff sessions: a random token in an httpOnly, SameSite=Strict cookie; only its SHA-256
// is stored. Each session carries its own CSRF token for forms.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";

export const SESSION_COOKIE = "ct_staff";
const SESSION_HOURS = 12;
/** Idle sessions end sooner than the absolute limit. */
const IDLE_MINUTES = 120;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(db: Db, staffId: number, now = new Date()): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.staffSession.create({ data: { id: digest(token), staffId, csrfToken, expiresAt, createdAt: now, lastSeenAt: now } });
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db, token: string, now = new Date()) {
  const session = await db.staffSession.findUnique({ where: { id: digest(token) } });
  if (!session) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime() > IDLE_MINUTES * 60_000;
  if (session.expiresAt <= now || idle) {
    await db.staffSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  // Touch at most once a minute: reads stay cheap.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.staffSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return session;
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.staffSession.deleteMany({ where: { id: digest(token) } });
}

/** A cookie we cannot decode ("%", a stray byte) is treated as absent, never as an error. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/staff; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}${secure ? "; Secure" : ""}`;
}

export function clearedCookie(): string {
  return `${SESSION_COOKIE}=; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=0`;
}
