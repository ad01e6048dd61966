// Bad cookies, start-up, slow handlers and odd Messenger bodies: every request gets a
// clear answer, never a 500 and never silence.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startServer } from "../../src/server.js";
import { createTestDatabaseUrl, dropTestDatabase } from "../support/db.js";
import { postMessengerWebhook } from "../support/fake-meta.js";
import { startTestServer, TEST_SECRETS, type TestServer } from "../support/server.js";
import { CHANNEL_SETTINGS } from "../../src/channels/registry.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ REQUEST_TIMEOUT_MS: "1000" }, {
    mount: (app) => {
      app.get("/test/never-answers", () => undefined);
    },
  });
});
afterAll(async () => {
  await server?.close();
});

describe("malformed cookies", () => {
  it.each(["ct_staff=%", "ct_staff=%E0%A4%A", "ct_login_csrf=%; ct_staff=abc", "ct_lang=%zz"])("%s is ignored, not a 500", async (cookie) => {
    const login = await fetch(`${server.url}/staff/login`, { headers: { cookie } });
    expect(login.status).toBe(200);
    const home = await fetch(`${server.url}/staff`, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toMatch(/^\/staff\/login/);
  });
});

describe("every request is answered", () => {
  it("a handler that never answers gets 503 after REQUEST_TIMEOUT_MS", async () => {
    const res = await fetch(`${server.url}/test/never-answers`, { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "timeout" });
  });

  it("requests that arrive while the server is starting get 503 or the real answer, never silence", async () => {
    const port = await freePort();
    const url = await createTestDatabaseUrl();
    const config = loadConfig({ ...TEST_SECRETS, SIMULATOR: "0", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, LOG_LEVEL: "silent", ADMIN_EMAIL: "admin@hoi.vn", ADMIN_PASSWORD: "first admin password" }, CHANNEL_SETTINGS);
    const statuses: number[] = [];
    let up = false;
    const probing = (async () => {
      while (!up) {
        try {
          // A hang is the failure: each probe must be answered within 5 s.
          const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
          statuses.push(res.status);
          if (res.status === 200) return;
        } catch (err) {
          if ((err as Error).name === "TimeoutError") throw new Error("a request during start-up was never answered");
          await new Promise((r) => setTimeout(r, 2)); // not listening yet
        }
      }
    })();
    const running = await startServer(config);
    try {
      await probing;
      up = true;
      expect(statuses.at(-1)).toBe(200);
      expect(statuses.every((s) => s === 503 || s === 200)).toBe(true);
    } finally {
      up = true;
      await running.stop();
      await dropTestDatabase(url);
    }
  });
});

describe("Messenger bodies that are not a Page's", () => {
  it("{object:'user'} (no entry array) is a 400, as the README says", async () => {
    const res = await postMessengerWebhook(server.url, JSON.stringify({ object: "user" }));
    expect(res.status).toBe(400);
  });

  it("another object with entries (an app subscribed to more than Pages) is acknowledged and ignored", async () => {
    const res = await postMessengerWebhook(server.url, JSON.stringify({ object: "user", entry: [{ uid: "1", changed_fields: ["email"], time: 1 }] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 0 });
    expect(await server.database.db.inboxEvent.count()).toBe(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
