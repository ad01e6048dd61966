// Facebook Messenger (Pages) as a Channel: webhook checks, parsing, rendering, sending.
import type { Channel } from "../../core/channel.js";
import type { AccountSpec, ChannelContext, ChannelModule } from "../module.js";
import { MESSENGER_SETTINGS, messengerSettings } from "./config.js";
import { MESSENGER, messengerAccountsIn, parseMessengerBody } from "./parse.js";
import { MESSENGER_POLICY } from "./policy.js";
import { messengerBodyText, renderMessenger } from "./render.js";
import { createSender } from "./send.js";
import { mountHandshake, verifySignature } from "./webhook.js";

export function createMessengerChannel(ctx: ChannelContext, account?: AccountSpec): Channel {
  const env = messengerSettings(ctx.config);
  // An account from the database overrides only its credentials; API bases and windows are the deployment's.
  const settings = { ...env, ...(account ? { ...account.settings, MESSENGER_PAGE_ID: account.externalId ?? env.MESSENGER_PAGE_ID } : {}) };
  const id = account?.channel ?? MESSENGER;
  const pageId = settings.MESSENGER_PAGE_ID;
  const secret = settings.MESSENGER_APP_SECRET;
  if (!secret) throw new Error("MESSENGER_APP_SECRET is required for the Messenger channel");
  return {
    id,
    platform: MESSENGER,
    account: { externalId: pageId ?? null, name: account?.name ?? "Facebook Page", provinceCode: account?.provinceCode ?? null },
    accountsIn: messengerAccountsIn,
    label: "Messenger",
    policy: MESSENGER_POLICY,
    textOf: messengerBodyText,
    // Page-scoped ids (PSIDs) are digit strings.
    parseUserId: (raw) => (/^\S{1,128}$/.test(raw) ? raw : null),
    webhookPath: "messenger",
    verify: (req) => verifySignature(req, secret),
    // Only this Page's entries: a delivery may carry several Pages of the same app.
    parse: (body) => parseMessengerBody(body, id, pageId, settings.MESSENGER_APP_ID),
    maxEventAgeMs: settings.MESSENGER_EVENT_MAX_AGE_H * 3600_000,
    extraRoutes: (router) => mountHandshake(router, settings.MESSENGER_VERIFY_TOKEN),
    render: renderMessenger,
    send: createSender({ config: { ...settings, HTTP_TIMEOUT_MS: ctx.config.HTTP_TIMEOUT_MS }, db: ctx.db, channel: id, ...(ctx.secrets ? { box: ctx.secrets } : {}) }),
    // Page tokens do not refresh: the outbox pauses the channel and staff renew the token.
    recoverAuth: async () => ({ outcome: "refused" }),
    // A new Page token (Meta Business Suite, or the Graph API Explorer) is kept in the account's
    // ChannelState row, sealed with ACCOUNTS_KEY when it is set; it wins over the configured one.
    // 551: "This person isn't available right now" (docs/reference/platforms/messenger.md §6).
    unreachableCodes: ["551"],
    // Send API: 300 calls/s per Page for text (docs/reference/platforms/messenger.md §7): 200/s for campaigns.
    campaignRatePerSec: 200,
    // m.me/<page>?ref=<code> opens the chat and sends the code in a referral event (messenger.md §2).
    referralLink: (code) => (pageId ? `https://m.me/${pageId}?ref=${encodeURIComponent(code)}` : undefined),
    reauthFields: ["page_token"],
    reauthorise: async (input) => {
      const token = input.page_token?.trim();
      if (!token || !/^\S{20,1000}$/.test(token)) return "refused";
      const stored = ctx.secrets?.enabled ? ctx.secrets.seal(token) : token;
      await ctx.db.channelState.upsert({ where: { channel: id }, create: { channel: id, accessToken: stored }, update: { accessToken: stored } });
      return "ok";
    },
  };
}

export const messengerModule: ChannelModule = { settings: MESSENGER_SETTINGS, create: createMessengerChannel };
