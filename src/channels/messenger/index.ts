// Facebook Messenger (Pages) as a Channel: webhook checks, parsing, rendering, sending.
import type { Channel } from "../../core/channel.js";
import type { ChannelContext, ChannelModule } from "../module.js";
import { MESSENGER_SETTINGS, messengerSettings } from "./config.js";
import { MESSENGER, parseMessengerBody } from "./parse.js";
import { MESSENGER_POLICY } from "./policy.js";
import { messengerBodyText, renderMessenger } from "./render.js";
import { createSender } from "./send.js";
import { mountHandshake, verifySignature } from "./webhook.js";

export function createMessengerChannel(ctx: ChannelContext): Channel {
  const settings = messengerSettings(ctx.config);
  const secret = settings.MESSENGER_APP_SECRET;
  if (!secret) throw new Error("MESSENGER_APP_SECRET is required for the Messenger channel");
  return {
    id: MESSENGER,
    label: "Messenger",
    policy: MESSENGER_POLICY,
    textOf: messengerBodyText,
    // Page-scoped ids (PSIDs) are digit strings.
    parseUserId: (raw) => (/^\S{1,128}$/.test(raw) ? raw : null),
    webhookPath: "messenger",
    verify: (req) => verifySignature(req, secret),
    parse: parseMessengerBody,
    maxEventAgeMs: settings.MESSENGER_EVENT_MAX_AGE_H * 3600_000,
    extraRoutes: (router) => mountHandshake(router, settings.MESSENGER_VERIFY_TOKEN),
    render: renderMessenger,
    send: createSender({ config: { ...settings, HTTP_TIMEOUT_MS: ctx.config.HTTP_TIMEOUT_MS }, db: ctx.db }),
    // Page tokens do not refresh: the outbox pauses the channel and staff renew the token.
    recoverAuth: async () => ({ outcome: "refused" }),
  };
}

export const messengerModule: ChannelModule = { settings: MESSENGER_SETTINGS, create: createMessengerChannel };
