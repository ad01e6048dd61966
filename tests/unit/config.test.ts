// Configuration: a malformed setting stops start-up with one line naming it; without
// platform tokens the app runs as the simulator with fixed local secrets.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CHANNEL_SETTINGS } from "../../src/channels/registry.js";
import { ConfigError, loadConfig as loadWith, type ChannelSettings } from "../../src/config.js";

/** Every channel folder's settings in one place, as the console would read them. */
const PLATFORM_CREDENTIALS = CHANNEL_SETTINGS.flatMap((c) => c.credentials);
const SIMULATOR_SECRETS: Record<string, string> = Object.assign({}, ...CHANNEL_SETTINGS.map((c) => c.simulatorSecrets));

/** The server's configuration with the registry's channels, flattened for the assertions below. */
function loadConfig(env: Record<string, string>) {
  const c = loadWith(env, CHANNEL_SETTINGS);
  const flat = { ...c, ...c.channels.zalo, ...c.channels.messenger, zaloEnabled: c.enabledChannels.includes("zalo"), messengerEnabled: c.enabledChannels.includes("messenger") };
  return flat as typeof flat & Record<string, unknown>;
}

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
    ["TRUST_PROXY", "*"],
    ["REQUEST_TIMEOUT_MS", "10"],
    ["ZALO_EVENT_MAX_AGE_MIN", "-1"],
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

  it("a partial real configuration (no access token yet) is not the simulator and gets none of its secrets", () => {
    const c = loadConfig({ ZALO_APP_ID: "app", ZALO_OA_SECRET_KEY: "oa-secret", ZALO_REFRESH_TOKEN: "refresh" });
    expect(c).toMatchObject({ simulator: false, zaloEnabled: true, messengerEnabled: false, ZALO_OA_SECRET_KEY: "oa-secret" });
    expect(c.ZALO_ACCESS_TOKEN).toBeUndefined();
    expect(c.MESSENGER_APP_SECRET).toBeUndefined();
    for (const value of Object.values(SIMULATOR_SECRETS)) expect(Object.values(c)).not.toContain(value);
  });

  it.each(PLATFORM_CREDENTIALS.map((k) => [k]))("any one credential (%s) turns the default simulator off", (name) => {
    expect(loadConfig({ [name]: "real-value" }).simulator).toBe(false);
  });

  it("SIMULATOR=1 next to a real credential stops start-up and says which", () => {
    const message = configError({ SIMULATOR: "1", MESSENGER_PAGE_TOKEN: "real", ZALO_REFRESH_TOKEN: "real" });
    expect(message).toMatch(/^Configuration error: SIMULATOR: .*ZALO_REFRESH_TOKEN, MESSENGER_PAGE_TOKEN/);
    expect(message).not.toContain("real");
  });

  it("never in production: SIMULATOR=1 stops start-up, and the default is off", () => {
    expect(configError({ SIMULATOR: "1", NODE_ENV: "production" })).toMatch(/^Configuration error: SIMULATOR: .*production/);
    expect(loadConfig({ NODE_ENV: "production" }).simulator).toBe(false);
    expect(loadConfig({ SIMULATOR: "1", NODE_ENV: "development" }).simulator).toBe(true);
  });

  it("erasure tombstones must outlive the replay windows", () => {
    expect(configError({ ERASED_KEYS_DAYS: "1", MESSENGER_EVENT_MAX_AGE_H: "48" })).toMatch(/^Configuration error: ERASED_KEYS_DAYS: /);
    expect(loadConfig({ ERASED_KEYS_DAYS: "2", MESSENGER_EVENT_MAX_AGE_H: "48" }).ERASED_KEYS_DAYS).toBe(2);
  });

  it("each channel folder declares its own settings: a third channel's are read and checked the same way", () => {
    const third: ChannelSettings = {
      id: "third",
      schema: z.object({ THIRD_SECRET: z.string().min(8).optional() }),
      credentials: ["THIRD_SECRET"],
      simulatorSecrets: { THIRD_SECRET: "sim-third-secret" },
      simulatorFakes: {},
      accountIdSetting: "THIRD_ACCOUNT",
      enabled: (v) => Boolean(v.THIRD_SECRET),
    };
    expect(loadWith({}, [...CHANNEL_SETTINGS, third]).channels.third).toEqual({ THIRD_SECRET: "sim-third-secret" });
    expect(loadWith({ THIRD_SECRET: "a real one" }, [...CHANNEL_SETTINGS, third])).toMatchObject({ simulator: false, enabledChannels: ["third"] });
    expect(() => loadWith({ THIRD_SECRET: "short" }, [third])).toThrow(/^Configuration error: THIRD_SECRET: /);
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
