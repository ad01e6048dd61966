// What a channel folder exports for the registry: its settings (read by config.ts) and how
// to build a running Channel for one account. A third platform is a folder with one of these
// and one line in registry.ts.
import type { ChannelSettings, Config } from "../config.js";
import type { Channel } from "../core/channel.js";
import type { Db } from "../db/client.js";
import type { SecretBox } from "../core/secret-box.js";

export interface ChannelContext {
  config: Config;
  db: Db;
  /** Seals rotated tokens at rest (ACCOUNTS_KEY); a no-key box keeps them as they are. */
  secrets?: SecretBox;
}

/** One OA or Page: its channel id, the credential settings it overrides, and what it serves. */
export interface AccountSpec {
  channel: string;
  externalId: string | null;
  name: string;
  provinceCode: string | null;
  /** Credential settings (e.g. ZALO_OA_SECRET_KEY) for this account; the rest come from the environment. */
  settings: Record<string, string | undefined>;
}

export interface ChannelModule {
  settings: ChannelSettings;
  /** Builds the channel for one account; without a spec, the account the environment describes. */
  create(ctx: ChannelContext, account?: AccountSpec): Channel;
}
