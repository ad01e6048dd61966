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

  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_API_BASE: url.default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE: url.default("https://oauth.zaloapp.com"),
  ZALO_WEBHOOK_VERIFY: z.enum(["enforce", "report"]).default("enforce"),

  MESSENGER_APP_SECRET: z.string().min(1).optional(),
  MESSENGER_VERIFY_TOKEN: z.string().min(1).optional(),
  MESSENGER_PAGE_TOKEN: z.string().min(1).optional(),
  MESSENGER_PAGE_ID: z.string().min(1).optional(),
  MESSENGER_APP_ID: z.string().min(1).optional(),
  GRAPH_API_BASE: url.default("https://graph.facebook.com"),
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, "must look like v25.0").default("v25.0"),

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join(".")}: ${issue.message}`);
  }
  let c = parsed.data;
  const hasZalo = Boolean(c.ZALO_APP_ID && c.ZALO_OA_SECRET_KEY && c.ZALO_ACCESS_TOKEN);
  const hasMessenger = Boolean(c.MESSENGER_APP_SECRET && c.MESSENGER_PAGE_TOKEN);
  const simulator = c.SIMULATOR ?? (!hasZalo && !hasMessenger);
  if (simulator) {
    c = { ...SIMULATOR_SECRETS, ...pickDefined(c) } as typeof c;
  }
  return {
    ...c,
    simulator,
    zaloEnabled: Boolean(c.ZALO_APP_ID && c.ZALO_OA_SECRET_KEY),
    messengerEnabled: Boolean(c.MESSENGER_APP_SECRET),
  };
}

function pickDefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
