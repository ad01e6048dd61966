// Staff sign-in: sessions, CSRF, lock-out, security headers, admin-only pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILED_LOGINS } from "../../src/staff/auth/login.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ADMIN_EMAIL: "admin@hoi.vn", ADMIN_PASSWORD: "first admin password" });
});
afterAll(async () => {
  await server?.close();
});

describe("staff sign-in", () => {
  it("the first admin comes from ADMIN_EMAIL + ADMIN_PASSWORD, with a scrypt hash", async () => {
    const admin = await server.database.db.staffUser.findUniqueOrThrow({ where: { email: "admin@hoi.vn" } });
    expect(admin.role).toBe("centre_admin");
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    const c = new StaffClient(server.url);
    expect(await c.login("admin@hoi.vn", "first admin password")).toBe(303);
    expect((await c.get("/staff/audit")).status).toBe(200);
  });

  it("pages need a session; the cookie is httpOnly and SameSite=Strict; headers are strict", async () => {
    const c = new StaffClient(server.url);
    const anon = await c.request("GET", "/staff/audit", undefined, { accept: "text/html" });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/^\/staff\/login/);
    expect(anon.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    expect(anon.headers.get("x-frame-options")).toBe("DENY");
    const { email } = await makeStaff(server.database.db, { role: "centre_admin" });
    await c.get("/staff/login");
    const res = await c.request("POST", "/staff/login", { _csrf: c.csrf, email, password: "correct horse battery" });
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith("ct_staff="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("a form without the CSRF token is refused", async () => {
    const { email } = await makeStaff(server.database.db, { role: "centre_admin" });
    const c = new StaffClient(server.url);
    await c.login(email);
    const res = await c.post("/staff/logout", { _csrf: "forged" });
    expect(res.status).toBe(403);
    const login = new StaffClient(server.url);
    await login.get("/staff/login");
    expect((await login.post("/staff/login", { _csrf: "forged", email, password: "x" })).status).toBe(403);
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} failed sign-ins, even with the right password`, async () => {
    const { email } = await makeStaff(server.database.db, { role: "commune_staff", areaCode: "03295" });
    const c = new StaffClient(server.url);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await c.get("/staff/login");
      expect((await c.post("/staff/login", { email, password: "wrong password" })).status).toBe(401);
    }
    await c.get("/staff/login");
    const locked = await c.post("/staff/login", { email, password: "correct horse battery" });
    expect(locked.status).toBe(429);
    expect(locked.text).toMatch(/khóa/);
  });

  it("an unknown email gets the same answer as a wrong password", async () => {
    const c = new StaffClient(server.url);
    await c.get("/staff/login");
    const r = await c.post("/staff/login", { email: "nobody@hoi.vn", password: "whatever it is" });
    expect(r.status).toBe(401);
    expect(r.text).toMatch(/không đúng/);
  });

  it("the audit log is for admins only", async () => {
    const { email } = await makeStaff(server.database.db, { role: "province_staff", areaCode: "11" });
    const c = new StaffClient(server.url);
    await c.login(email);
    expect((await c.get("/staff/audit")).status).toBe(404);
  });
});
