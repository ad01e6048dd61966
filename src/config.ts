// Environment → one typed Config. A missing or malformed setting stops start-up with
// one line naming it, because a half-configured helpline is worse than none.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .transform((v) => v === "1" || v === "true");

const url = z.url({ protocol: /^https?$/ });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgresql://")
    .default("file:./data/chungtay.db"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  PUBLIC_BASE_URL: url.optional(),
  NODE_ENV: z.string().optional(),
  /**
   * Which proxies may tell us the client's address (X-Forwarded-For), in Express's
   * "trust proxy" syntax: "loopback" (a proxy on this machine), addresses/CIDRs, a hop
   * count, "true" or "false". Trusting everyone would let any client pick its own address
   * and walk past the per-address sign-in limit.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\w.:/, -]+)$/, "must be true, false, a hop count, or addresses/CIDRs/loopback")
    .default("loopback")
    .transform((v): boolean | number | string => (v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v)),
  /** Every request is answered within this (503 after it); the HTTP server's own read limit too. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),

  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_API_BASE: url.default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE: url.default("https://oauth.zaloapp.com"),
  ZALO_WEBHOOK_VERIFY: z.enum(["enforce", "report"]).default("enforce"),
  /**
   * A signed Zalo body whose own `timestamp` is further than this from our clock (either
   * way) is acknowledged and dropped: a captured body cannot be replayed later, e.g. after
   * the person erased their data. 0 turns the check off. Zalo retries a failed delivery
   * after 30 s, 5 min and 15 min and later: keep this ≥ 15 and ≤ ERASED_KEYS_DAYS.
   */
  ZALO_EVENT_MAX_AGE_MIN: z.coerce.number().int().min(0).max(7 * 24 * 60).default(15),

  MESSENGER_APP_SECRET: z.string().min(1).optional(),
  MESSENGER_VERIFY_TOKEN: z.string().min(1).optional(),
  MESSENGER_PAGE_TOKEN: z.string().min(1).optional(),
  MESSENGER_PAGE_ID: z.string().min(1).optional(),
  MESSENGER_APP_ID: z.string().min(1).optional(),
  GRAPH_API_BASE: url.default("https://graph.facebook.com"),
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, "must look like v25.0").default("v25.0"),
  /**
   * Messenger events older than this are acknowledged and dropped. Meta retries failed
   * deliveries for up to 36 hours ("Webhooks for Messenger Platform", developers.facebook.com),
   * so the default leaves room for that. 0 turns the check off.
   */
  MESSENGER_EVENT_MAX_AGE_H: z.coerce.number().int().min(0).max(24 * 7).default(48),

  SIMULATOR: flag.optional(),
  DEMO: flag.default(false),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),

  /** Workers poll this often for work left by a crash or another instance. */
  WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** How long a claimed inbox/outbox row stays claimed before another worker may take it. */
  WORKER_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Raw message text is purged from the inbox after this many days. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * After "xóa dữ liệu", the erased events' keys (no text, no user) are kept this long so a
   * platform redelivery or a replayed signed body is still a duplicate; older bodies are
   * refused by the timestamp checks above, which must not be longer.
   */
  ERASED_KEYS_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

export type Config = z.infer<typeof schema> & {
  simulator: boolean;
  zaloEnabled: boolean;
  messengerEnabled: boolean;
};

export class ConfigError extends Error {}

// In simulator mode the platform secrets are fixed, local values: the simulator page signs
// its webhook calls with them, so the real verification path runs.
export const SIMULATOR_SECRETS = {
  ZALO_APP_ID: "sim-zalo-app",
  ZALO_OA_ID: "sim-zalo-oa",
  ZALO_OA_SECRET_KEY: "sim-zalo-oa-secret",
  ZALO_APP_SECRET: "sim-zalo-app-secret",
  ZALO_ACCESS_TOKEN: "sim-zalo-access-token",
  ZALO_REFRESH_TOKEN: "sim-zalo-refresh-token",
  MESSENGER_APP_SECRET: "sim-messenger-app-secret",
  MESSENGER_VERIFY_TOKEN: "sim-messenger-verify",
  MESSENGER_PAGE_TOKEN: "sim-messenger-page-token",
  MESSENGER_PAGE_ID: "sim-page",
} as const;

/**
 * Any of these set means a real platform is meant: then the simulator never runs and its
 * public built-in secrets are never filled in (a partial real configuration must fail
 * loudly, not quietly answer villagers through a fake).
 */
export const PLATFORM_CREDENTIALS = [
  "ZALO_APP_ID",
  "ZALO_OA_ID",
  "ZALO_OA_SECRET_KEY",
  "ZALO_APP_SECRET",
  "ZALO_ACCESS_TOKEN",
  "ZALO_REFRESH_TOKEN",
  "MESSENGER_APP_SECRET",
  "MESSENGER_VERIFY_TOKEN",
  "MESSENGER_PAGE_TOKEN",
  "MESSENGER_PAGE_ID",
  "MESSENGER_APP_ID",
] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join(".")}: ${issue.message}`);
  }
  let c = parsed.data;
  if (c.ZALO_EVENT_MAX_AGE_MIN > c.ERASED_KEYS_DAYS * 24 * 60 || c.MESSENGER_EVENT_MAX_AGE_H > c.ERASED_KEYS_DAYS * 24) {
    throw new ConfigError("Configuration error: ERASED_KEYS_DAYS: must be at least ZALO_EVENT_MAX_AGE_MIN and MESSENGER_EVENT_MAX_AGE_H");
  }
  const simulator = simulatorWanted(c);
  if (simulator) {
    c = { ...c, ...SIMULATOR_SECRETS };
  }
  return {
    ...c,
    simulator,
    zaloEnabled: Boolean(c.ZALO_APP_ID && c.ZALO_OA_SECRET_KEY),
    messengerEnabled: Boolean(c.MESSENGER_APP_SECRET),
  };
}

/**
 * On only with no platform credential at all: by default, or with SIMULATOR=1 outside
 * production. SIMULATOR=1 next to a real credential, or in production, stops start-up.
 */
function simulatorWanted(c: z.infer<typeof schema>): boolean {
  const real = PLATFORM_CREDENTIALS.filter((k) => c[k] !== undefined);
  const production = c.NODE_ENV === "production";
  if (c.SIMULATOR === true) {
    if (real.length > 0) {
      throw new ConfigError(`Configuration error: SIMULATOR: cannot be on while platform credentials are set (${real.join(", ")}); remove SIMULATOR or those settings`);
    }
    if (production) throw new ConfigError("Configuration error: SIMULATOR: cannot be on with NODE_ENV=production");
    return true;
  }
  if (c.SIMULATOR === false) return false;
  return real.length === 0 && !production;
}
