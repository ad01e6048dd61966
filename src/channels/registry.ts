// The channels this build knows. A new channel is one folder and one line here.
import type { Config } from "../config.js";
import type { ChannelRegistry } from "../core/channel.js";
import type { Db } from "../db/client.js";
import { createMessengerChannel } from "./messenger/index.js";
import { createZaloChannel } from "./zalo/index.js";

export interface ChannelContext {
  config: Config;
  db: Db;
}

export function buildChannels(ctx: ChannelContext): ChannelRegistry {
  const channels: ChannelRegistry = new Map();
  if (ctx.config.zaloEnabled) channels.set("zalo", createZaloChannel(ctx));
  if (ctx.config.messengerEnabled) channels.set("messenger", createMessengerChannel(ctx));
  return channels;
}
