// Facebook Messenger (Pages) as a Channel: webhook checks, parsing, rendering, sending.
import type { Config } from "../../config.js";
import type { Channel } from "../../core/channel.js";
import type { Db } from "../../db/client.js";
import { MESSENGER, parseMessengerBody } from "./parse.js";
import { MESSENGER_POLICY } from "./policy.js";
import { messengerBodyText, renderMessenger } from "./render.js";
import { createSender } from "./send.js";
import { mountHandshake, verifySignature } from "./webhook.js";

/** Structurally the registry's ChannelContext (not imported: the registry imports us). */
export interface MessengerDeps {
  config: Config;
  db: Db;
}

export function createMessengerChannel(ctx: MessengerDeps): Channel {
  const secret = ctx.config.MESSENGER_APP_SECRET;
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
    maxEventAgeMs: ctx.config.MESSENGER_EVENT_MAX_AGE_H * 3600_000,
    extraRoutes: (router) => mountHandshake(router, ctx.config.MESSENGER_VERIFY_TOKEN),
    render: renderMessenger,
    send: createSender(ctx),
    // Page tokens do not refresh: the outbox pauses the channel and staff renew the token.
    recoverAuth: async () => ({ outcome: "refused" }),
  };
}
