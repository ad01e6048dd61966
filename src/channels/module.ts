// What a channel folder exports for the registry: its settings (read by config.ts) and how
// to build the running Channel from them. A third platform is a folder with one of these
// and one line in registry.ts.
import type { ChannelSettings, Config } from "../config.js";
import type { Channel } from "../core/channel.js";
import type { Db } from "../db/client.js";

export interface ChannelContext {
  config: Config;
  db: Db;
}

export interface ChannelModule {
  settings: ChannelSettings;
  create(ctx: ChannelContext): Channel;
}
