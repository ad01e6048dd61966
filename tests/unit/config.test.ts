// Configuration: a malformed setting stops start-up with one line naming it; without
// platform tokens the app runs as the simulator with fixed local secrets.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, SIMULATOR_SECRETS } from "../../src/config.js";

const ROOT = resolve(import.meta.dirname, "../..");

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://root@localhost/chungtay"],
    ["ZALO_WEBHOOK_VERIFY", "maybe"],
    ["ZALO_API_BASE", "ftp://openapi.zalo.me"],
    ["GRAPH_API_VERSION", "25"],
    ["LOG_LEVEL", "loud"],
    ["SIMULATOR", "yes"],
    ["OUTBOX_MAX_ATTEMPTS", "0"],
    ["ADMIN_EMAIL", "not-an-email"],
  ])("%s=%s is refused with one line naming the setting", (name, value) => {
    const message = configError({ [name]: value });
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(new RegExp(`^Configuration error: ${name}: `));
  });

  it("never repeats a secret's value in the error", () => {
    expect(configError({ ADMIN_PASSWORD: "short-pw" })).not.toContain("short-pw");
  });

  it("without platform tokens: simulator mode, with the fixed local secrets", () => {
    const c = loadConfig({});
    expect(c.simulator).toBe(true);
    expect(c.ZALO_OA_SECRET_KEY).toBe(SIMULATOR_SECRETS.ZALO_OA_SECRET_KEY);
    expect(c.MESSENGER_APP_SECRET).toBe(SIMULATOR_SECRETS.MESSENGER_APP_SECRET);
    expect(c.zaloEnabled && c.messengerEnabled).toBe(true);
  });

  it("defaults follow the external contract", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATABASE_URL: "file:./data/chungtay.db",
      ZALO_API_BASE: "https://openapi.zalo.me",
      ZALO_OAUTH_BASE: "https://oauth.zaloapp.com",
      GRAPH_API_BASE: "https://graph.facebook.com",
      ZALO_WEBHOOK_VERIFY: "enforce",
    });
  });

  it("empty settings count as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" })).toMatchObject({ PORT: 3000, DATABASE_URL: "file:./data/chungtay.db" });
  });

  it("with Zalo tokens: not the simulator, Zalo on, Messenger off, secrets as given", () => {
    const c = loadConfig({ ZALO_APP_ID: "app", ZALO_OA_SECRET_KEY: "oa-secret", ZALO_ACCESS_TOKEN: "tok", DATABASE_URL: "postgresql://u@127.0.0.1/db" });
    expect(c).toMatchObject({ simulator: false, zaloEnabled: true, messengerEnabled: false, ZALO_OA_SECRET_KEY: "oa-secret" });
    expect(c.MESSENGER_APP_SECRET).toBeUndefined();
  });

  it("SIMULATOR=0 without tokens: no simulator and no channel", () => {
    expect(loadConfig({ SIMULATOR: "0" })).toMatchObject({ simulator: false, zaloEnabled: false, messengerEnabled: false });
  });
});

describe("npm start with a malformed setting", () => {
  it("exits non-zero printing one clear line, and no stack trace", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "ct-config-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: "abc", DATABASE_URL: `file:${join(dir, "x.db")}`, LOG_LEVEL: "info" };
      delete env.NODE_OPTIONS; // vitest's own loader hooks are not for the child
      const res = spawnSync("npm", ["start"], { cwd: ROOT, env, encoding: "utf8", timeout: 110_000 });
      expect(res.status).not.toBe(0);
      expect(res.status).not.toBeNull();
      // npm prints its banner ("> chung-tay start") and may warn about its own config.
      const ours = `${res.stdout}\n${res.stderr}`.split("\n").filter((l) => l.trim() !== "" && !/^(>|npm (warn|notice|error))/.test(l));
      expect(ours).toEqual([expect.stringMatching(/^Configuration error: PORT: .+/)]);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
