// Sign-in under attack: parallel guesses for one account, and guesses spread over many
// accounts from one client address. Both limits live in the database (one atomic
// statement each), so they hold under concurrency and across instances.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS_PER_ADDRESS, MAX_FAILED_LOGINS } from "../../src/staff/auth/login.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeStaff, PASSWORD, StaffClient } from "../support/staff.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** One sign-in attempt from a fresh browser at `address` (the test client is a trusted local proxy). */
async function attempt(email: string, password: string, address: string): Promise<number> {
  const c = new StaffClient(server.url);
  await c.request("GET", "/staff/login", undefined, { "x-forwarded-for": address });
  const login = await c.request("GET", "/staff/login", undefined, { "x-forwarded-for": address });
  c.csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
  const res = await c.request("POST", "/staff/login", { _csrf: c.csrf, email, password }, { "x-forwarded-for": address });
  await res.text();
  return res.status;
}

describe("sign-in limits under concurrency", () => {
  it("40 wrong passwords at once for one account: at most 5 are checked, the account locks, the right password is refused", async () => {
    const { id, email } = await makeStaff(server.database.db, { role: "commune_staff", areaCode: "03295" });
    // From 40 different addresses, so only the per-account limit is in play.
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(email, `wrong password ${i}`, `198.51.100.${i + 1}`)));
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    const row = await server.database.db.staffUser.findUniqueOrThrow({ where: { id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await attempt(email, PASSWORD, "198.51.100.200")).toBe(429);
  });

  it(`40 guesses at once from one address over many accounts: at most ${MAX_ATTEMPTS_PER_ADDRESS} are checked, then that address waits`, async () => {
    const accounts = await Promise.all(Array.from({ length: 8 }, () => makeStaff(server.database.db, { role: "centre_admin" })));
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i % 5 === 0 ? `nobody${i}@hoi.vn` : accounts[i % 8]!.email, "guess guess", "203.0.113.7")));
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - MAX_ATTEMPTS_PER_ADDRESS);
    // Even the right password waits at that address; another address signs in.
    const fresh = await makeStaff(server.database.db, { role: "centre_admin" });
    expect(await attempt(fresh.email, PASSWORD, "203.0.113.7")).toBe(429);
    expect(await attempt(fresh.email, PASSWORD, "203.0.113.8")).toBe(303);
  });

  it("a right password gives its attempt back: staff signing in one after another from one office are never limited", async () => {
    const people = await Promise.all(Array.from({ length: MAX_ATTEMPTS_PER_ADDRESS + 5 }, () => makeStaff(server.database.db, { role: "centre_admin" })));
    const statuses: number[] = [];
    for (const p of people) statuses.push(await attempt(p.email, PASSWORD, "192.0.2.50"));
    expect(statuses.every((s) => s === 303)).toBe(true);
  });

  it("X-Forwarded-For from an untrusted hop is ignored", async () => {
    const s = await startTestServer({ TRUST_PROXY: "false" });
    try {
      const c = new StaffClient(s.url);
      await c.get("/staff/login");
      const statuses: number[] = [];
      for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS + 2; i++) {
        const res = await c.request("POST", "/staff/login", { _csrf: c.csrf, email: `x${i}@hoi.vn`, password: "guess guess" }, { "x-forwarded-for": `10.9.0.${i}` });
        statuses.push(res.status);
        await c.get("/staff/login");
      }
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await s.close();
    }
  });
});
