// A small HTTP client for the staff console: keeps cookies, signs in, finds CSRF tokens.
import { createStaff, type NewStaff } from "../../src/staff/accounts.js";
import type { Db } from "../../src/db/client.js";

export const PASSWORD = "correct horse battery";

export async function makeStaff(db: Db, s: Partial<NewStaff> & Pick<NewStaff, "role">): Promise<{ id: number; email: string }> {
  const email = s.email ?? `${s.role}.${Math.random().toString(36).slice(2, 8)}@hoi.vn`;
  const id = await createStaff(db, { email, name: s.name ?? email, password: s.password ?? PASSWORD, role: s.role, areaCode: s.areaCode ?? null });
  return { id, email };
}

export class StaffClient {
  private cookies = new Map<string, string>();
  csrf = "";
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
    let payload: string | undefined;
    if (body) {
      h["content-type"] = "application/x-www-form-urlencoded";
      payload = (body instanceof URLSearchParams ? body : new URLSearchParams(body)).toString();
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, body: payload, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      if (/Max-Age=0/.test(c)) this.cookies.delete(k!);
      else this.cookies.set(k!, v.join("="));
    }
    return res;
  }

  async get(path: string): Promise<{ status: number; text: string; res: Response }> {
    const res = await this.request("GET", path);
    const text = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: res.status, text, res };
  }

  /** POST a form with the current CSRF token (unless the test overrides _csrf); a list is sent as repeated fields. */
  async post(path: string, form: Record<string, string | string[]> = {}): Promise<{ status: number; text: string; location: string | null }> {
    const body = new URLSearchParams({ _csrf: this.csrf });
    for (const [k, v] of Object.entries(form)) {
      body.delete(k);
      for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    }
    const res = await this.request("POST", path, body);
    return { status: res.status, text: await res.text(), location: res.headers.get("location") };
  }

  async login(email: string, password = PASSWORD): Promise<number> {
    await this.get("/staff/login");
    const r = await this.post("/staff/login", { email, password });
    if (r.status === 303) await this.get("/staff/audit").catch(() => undefined);
    // Pick up the session's CSRF token from any signed-in page.
    const page = await this.get("/staff/handover");
    if (!/name="_csrf"/.test(page.text)) await this.get("/staff/reports");
    return r.status;
  }
}
