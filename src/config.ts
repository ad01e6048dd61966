// Environment → one typed Config. A missing or malformed setting stops start-up with
// one line naming it, because a half-configured helpline is worse than none. The server's
// own settings are here; each channel folder declares its own (channels/<ch>/config.ts)
// and the registry hands that list to loadConfig.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .transform((v) => v === "1" || v === "true");

/** An http(s) URL setting (channel folders use it for their API bases). */
export const urlSetting = z.url({ protocol: /^https?$/ });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgresql://")
    .default("file:./data/chungtay.db"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  PUBLIC_BASE_URL: urlSetting.optional(),
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

  SIMULATOR: flag.optional(),
  DEMO: flag.default(false),
  /**
   * Campaign messages per second per account, by platform ("zalo=50,messenger=200"). Defaults:
   * Zalo 50/s (the OA API allows 4,000 requests/min per app), Messenger 200/s (300 calls/s per
   * Page): the rest is left for answers to people who write.
   */
  CAMPAIGN_RATES: z
    .string()
    .regex(/^([a-z]+=\d{1,4})(,[a-z]+=\d{1,4})*$/, "like zalo=50,messenger=200")
    .optional()
    .transform((v) => Object.fromEntries((v ? v.split(",") : []).map((p) => p.split("=")).map(([k, n]) => [k!, Number(n)])) as Record<string, number>),
  /** Campaigns of more recipients than this need a second staff member's approval. */
  CAMPAIGN_APPROVAL_ABOVE: z.coerce.number().int().min(0).max(10_000_000).default(500),
  /** A shared location is never answered with a trusted address further than this (km, straight line). */
  NEAREST_MAX_KM: z.coerce.number().min(1).max(500).default(60),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),

  /**
   * What this process does (`npm start -- --role=…` sets it too): `web` answers webhooks, the
   * console and the simulator; `worker` runs the inbox, outbox, campaigns and scheduled jobs;
   * `all` both. Any number of each on one database: everything a request needs is in it.
   */
  ROLE: z.enum(["all", "web", "worker"]).default("all"),
  /** Workers poll this often for work left by a crash or another instance. */
  WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** How long a claimed inbox/outbox row stays claimed before another worker may take it. */
  WORKER_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Tries of one inbound event before it is marked failed (a cry for help is answered at the first failure). */
  INBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** A claimed conversation whose holder said nothing this long goes back to the queue (and the bot helps again). */
  HANDOVER_SILENCE_MIN: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** A danger flag nobody claimed is announced to on-duty staff again every this many minutes. */
  ONDUTY_REPEAT_MIN: z.coerce.number().int().min(1).max(24 * 60).default(10),
  /** Raw message text is purged from the inbox after this many days. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * After "xóa dữ liệu", the erased events' keys (no text, no user) are kept this long so a
   * platform redelivery or a replayed signed body is still a duplicate; older bodies are
   * refused by each channel's event age check, which must not be longer.
   */
  ERASED_KEYS_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /**
   * 32 bytes (base64 or hex) that seal OA/Page credentials and rotated tokens in the database
   * (AES-256-GCM). Needed to add accounts in the console; without it tokens stay as they are.
   */
  ACCOUNTS_KEY: z.string().regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, "must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)").optional(),
});

/** What a channel folder tells the configuration about itself. */
export interface ChannelSettings {
  /** The channel id its settings are filed under (config.channels[id]). */
  id: string;
  schema: z.ZodObject;
  /**
   * Settings that mean a real platform is meant. Any one of them set turns the simulator
   * off: a partial real configuration must fail loudly, not answer villagers through a fake.
   */
  credentials: readonly string[];
  /** The simulator's public, built-in values for the credentials (used only in simulator mode). */
  simulatorSecrets: Readonly<Record<string, string>>;
  /** API base settings the simulator points at its fakes: setting → path on this server. */
  simulatorFakes: Readonly<Record<string, string>>;
  /** Whether the channel runs with these (parsed) settings. */
  enabled(values: Record<string, unknown>): boolean;
  /** The setting that names the account on the platform (OA id, Page id): webhooks are routed by it. */
  accountIdSetting: string;
  /** The channel's replay window for webhook events and the setting that sets it (ERASED_KEYS_DAYS must cover it). */
  eventAge?(values: Record<string, unknown>): { ms: number; setting: string };
}

export type Config = z.infer<typeof schema> & {
  simulator: boolean;
  /** Each channel's own settings, parsed by its schema (read them through the channel's config.ts). */
  channels: Record<string, Record<string, unknown>>;
  /** Channels whose settings turn them on. */
  enabledChannels: string[];
  /** The settings given explicitly (empty ones count as unset). */
  given: ReadonlySet<string>;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv, channels: readonly ChannelSettings[]): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const core = parse(schema, cleaned);
  const simulator = simulatorWanted(core, channels, cleaned);
  const parsedChannels: Record<string, Record<string, unknown>> = {};
  for (const ch of channels) {
    // In simulator mode the channel runs on the simulator's fixed, local secrets, so the
    // simulator page signs its webhooks with them and the real verification path runs.
    parsedChannels[ch.id] = parse(ch.schema, simulator ? { ...cleaned, ...ch.simulatorSecrets } : cleaned);
    const age = ch.eventAge?.(parsedChannels[ch.id]!);
    if (age && age.ms > core.ERASED_KEYS_DAYS * 86_400_000) {
      throw new ConfigError(`Configuration error: ERASED_KEYS_DAYS: must be at least ${age.setting}`);
    }
  }
  return {
    ...core,
    simulator,
    channels: parsedChannels,
    enabledChannels: channels.filter((ch) => ch.enabled(parsedChannels[ch.id]!)).map((ch) => ch.id),
    given: new Set(Object.keys(cleaned)),
  };
}

function parse<S extends z.ZodObject>(s: S, values: Record<string, unknown>): z.infer<S> {
  const parsed = s.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * On only with no platform credential at all: by default, or with SIMULATOR=1 outside
 * production. SIMULATOR=1 next to a real credential, or in production, stops start-up.
 */
function simulatorWanted(c: z.infer<typeof schema>, channels: readonly ChannelSettings[], env: Record<string, unknown>): boolean {
  const real = channels.flatMap((ch) => ch.credentials).filter((k) => env[k] !== undefined);
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

/** `--role=web`, `--role web` (npm start -- --role=web) win over the ROLE variable. */
export function roleArgument(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === "--role" || a.startsWith("--role="));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[i + 1];
}
