// The Messenger channel's settings (README, "Configuration"), read from the environment by
// config.ts through this declaration.
import { z } from "zod";
import { urlSetting, type ChannelSettings, type Config } from "../../config.js";

const schema = z.object({
  /** Checks X-Hub-Signature-256; turns the channel on. */
  MESSENGER_APP_SECRET: z.string().min(1).optional(),
  MESSENGER_VERIFY_TOKEN: z.string().min(1).optional(),
  MESSENGER_PAGE_TOKEN: z.string().min(1).optional(),
  MESSENGER_PAGE_ID: z.string().min(1).optional(),
  MESSENGER_APP_ID: z.string().min(1).optional(),
  GRAPH_API_BASE: urlSetting.default("https://graph.facebook.com"),
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, "must look like v25.0").default("v25.0"),
  /**
   * Messenger events older than this are acknowledged and dropped. Meta retries failed
   * deliveries for up to 36 hours ("Webhooks for Messenger Platform", developers.facebook.com),
   * so the default leaves room for that. 0 turns the check off.
   */
  MESSENGER_EVENT_MAX_AGE_H: z.coerce.number().int().min(0).max(24 * 7).default(48),
});

export type MessengerSettings = z.infer<typeof schema>;

export const MESSENGER_SETTINGS: ChannelSettings = {
  id: "messenger",
  schema,
  credentials: ["MESSENGER_APP_SECRET", "MESSENGER_VERIFY_TOKEN", "MESSENGER_PAGE_TOKEN", "MESSENGER_PAGE_ID", "MESSENGER_APP_ID"],
  simulatorSecrets: {
    MESSENGER_APP_SECRET: "sim-messenger-app-secret",
    MESSENGER_VERIFY_TOKEN: "sim-messenger-verify",
    MESSENGER_PAGE_TOKEN: "sim-messenger-page-token",
    MESSENGER_PAGE_ID: "sim-page",
  },
  accountIdSetting: "MESSENGER_PAGE_ID",
  simulatorFakes: { GRAPH_API_BASE: "/simulator/fake/graph" },
  enabled: (v) => Boolean(v.MESSENGER_APP_SECRET),
  eventAge: (v) => ({ ms: Number(v.MESSENGER_EVENT_MAX_AGE_H) * 3_600_000, setting: "MESSENGER_EVENT_MAX_AGE_H" }),
};

export function messengerSettings(config: Pick<Config, "channels">): MessengerSettings {
  return (config.channels.messenger ?? schema.parse({})) as MessengerSettings;
}
