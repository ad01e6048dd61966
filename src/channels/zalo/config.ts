// The Zalo OA channel's settings (README, "Configuration"), read from the environment by
// config.ts through this declaration.
import { z } from "zod";
import { urlSetting, type ChannelSettings, type Config } from "../../config.js";

const schema = z.object({
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_ID: z.string().min(1).optional(),
  /** Checks X-ZEvent-Signature. Not the app secret. */
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  /** Sent as secret_key when refreshing tokens. */
  ZALO_APP_SECRET: z.string().min(1).optional(),
  /** Seeds the database once; rotated tokens are kept there afterwards. */
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_API_BASE: urlSetting.default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE: urlSetting.default("https://oauth.zaloapp.com"),
  ZALO_WEBHOOK_VERIFY: z.enum(["enforce", "report"]).default("enforce"),
  /**
   * A signed Zalo body whose own `timestamp` is further than this from our clock (either
   * way) is acknowledged and dropped: a captured body cannot be replayed later, e.g. after
   * the person erased their data. 0 turns the check off. Zalo retries a failed delivery
   * after 30 s, 5 min and 15 min and later: keep this ≥ 15 and ≤ ERASED_KEYS_DAYS.
   */
  ZALO_EVENT_MAX_AGE_MIN: z.coerce.number().int().min(0).max(7 * 24 * 60).default(15),
});

export type ZaloSettings = z.infer<typeof schema>;

export const ZALO_SETTINGS: ChannelSettings = {
  id: "zalo",
  schema,
  credentials: ["ZALO_APP_ID", "ZALO_OA_ID", "ZALO_OA_SECRET_KEY", "ZALO_APP_SECRET", "ZALO_ACCESS_TOKEN", "ZALO_REFRESH_TOKEN"],
  simulatorSecrets: {
    ZALO_APP_ID: "sim-zalo-app",
    ZALO_OA_ID: "sim-zalo-oa",
    ZALO_OA_SECRET_KEY: "sim-zalo-oa-secret",
    ZALO_APP_SECRET: "sim-zalo-app-secret",
    ZALO_ACCESS_TOKEN: "sim-zalo-access-token",
    ZALO_REFRESH_TOKEN: "sim-zalo-refresh-token",
  },
  accountIdSetting: "ZALO_OA_ID",
  simulatorFakes: { ZALO_API_BASE: "/simulator/fake/zalo", ZALO_OAUTH_BASE: "/simulator/fake/zalo-oauth" },
  enabled: (v) => Boolean(v.ZALO_APP_ID && v.ZALO_OA_SECRET_KEY),
  eventAge: (v) => ({ ms: Number(v.ZALO_EVENT_MAX_AGE_MIN) * 60_000, setting: "ZALO_EVENT_MAX_AGE_MIN" }),
};

export function zaloSettings(config: Pick<Config, "channels">): ZaloSettings {
  return (config.channels.zalo ?? schema.parse({})) as ZaloSettings;
}
