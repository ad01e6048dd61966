// The channels this build knows. A new channel is one folder and one line here.
import type { ChannelRegistry } from "../core/channel.js";
import type { ChannelContext, ChannelModule } from "./module.js";
import { messengerModule } from "./messenger/index.js";
import { zaloModule } from "./zalo/index.js";

export type { ChannelContext, ChannelModule } from "./module.js";

export const CHANNEL_MODULES: readonly ChannelModule[] = [zaloModule, messengerModule];

/** The settings of every channel, for loadConfig. */
export const CHANNEL_SETTINGS = CHANNEL_MODULES.map((m) => m.settings);

/** The running channels: those whose settings turn them on. */
export function buildChannels(ctx: ChannelContext, modules: readonly ChannelModule[] = CHANNEL_MODULES): ChannelRegistry {
  const channels: ChannelRegistry = new Map();
  for (const m of modules) if (ctx.config.enabledChannels.includes(m.settings.id)) channels.set(m.settings.id, m.create(ctx));
  return channels;
}
