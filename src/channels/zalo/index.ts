// The Zalo OA channel: webhook verification, parsing, rendering and sending, wired from config.
import axios from "axios";
import type { Channel } from "../../core/channel.js";
import type { AccountSpec, ChannelContext, ChannelModule } from "../module.js";
import { zaloAccountsIn } from "./account.js";
import { ZALO_SETTINGS, zaloSettings } from "./config.js";
import { parseZaloBody } from "./parse.js";
import { ZALO_POLICY } from "./policy.js";
import { renderZalo, zaloBodyText } from "./render.js";
import { sendZalo } from "./send.js";
import { ZaloTokens } from "./token.js";
import { verifyZaloWebhook } from "./webhook.js";

export const ZALO_CHANNEL = "zalo";

export function createZaloChannel(ctx: ChannelContext, account?: AccountSpec): Channel {
  const { db } = ctx;
  const env = zaloSettings(ctx.config);
  // An account from the database overrides only its credentials; API bases and windows are the deployment's.
  const config = { ...env, ...(account ? { ...account.settings, ZALO_OA_ID: account.externalId ?? env.ZALO_OA_ID } : {}), HTTP_TIMEOUT_MS: ctx.config.HTTP_TIMEOUT_MS };
  const id = account?.channel ?? ZALO_CHANNEL;
  if (!config.ZALO_APP_ID || !config.ZALO_OA_SECRET_KEY) {
    throw new Error("the Zalo channel needs ZALO_APP_ID and ZALO_OA_SECRET_KEY");
  }
  const verifyConfig = { appId: config.ZALO_APP_ID, oaSecretKey: config.ZALO_OA_SECRET_KEY, mode: config.ZALO_WEBHOOK_VERIFY };
  // Own instance: no global axios defaults or interceptors from elsewhere can touch Zalo calls.
  const http = axios.create({ maxRedirects: 0 });
  const tokens = new ZaloTokens(
    db,
    {
      channel: id,
      appId: config.ZALO_APP_ID,
      appSecret: config.ZALO_APP_SECRET,
      seedAccessToken: config.ZALO_ACCESS_TOKEN,
      seedRefreshToken: config.ZALO_REFRESH_TOKEN,
      oauthBase: trimSlash(config.ZALO_OAUTH_BASE),
      timeoutMs: config.HTTP_TIMEOUT_MS,
    },
    http,
    ctx.secrets,
  );
  const sendDeps = { http, apiBase: trimSlash(config.ZALO_API_BASE), timeoutMs: config.HTTP_TIMEOUT_MS, tokens };

  return {
    id,
    platform: ZALO_CHANNEL,
    account: { externalId: config.ZALO_OA_ID ?? null, name: account?.name ?? "Zalo OA", provinceCode: account?.provinceCode ?? null },
    accountsIn: zaloAccountsIn,
    label: "Zalo",
    policy: ZALO_POLICY,
    // The OA's public page, https://zalo.me/<OA id>: it opens the OA to follow and chat. No code
    // travels with it (Zalo's webhook has no referral field), so the poster pairs its QR with the
    // keyword to send ("THAM GIA <code>"), and only the keyword is counted on Zalo.
    referralLink: () => (config.ZALO_OA_ID ? `https://zalo.me/${config.ZALO_OA_ID}` : undefined),
    textOf: zaloBodyText,
    // Zalo's user ids (OA-scoped, or user_id_by_app) are long digit strings.
    parseUserId: (raw) => (/^\S{1,128}$/.test(raw) ? raw : null),
    webhookPath: "zalo",
    verify: (req) => verifyZaloWebhook(req, verifyConfig),
    parse: (body) => parseZaloBody(body, id),
    // Zalo signs the body's own `timestamp`: a body replayed outside this window is dropped.
    maxEventAgeMs: config.ZALO_EVENT_MAX_AGE_MIN * 60_000,
    render: renderZalo,
    send: (part) => sendZalo(part, sendDeps),
    recoverAuth: () => tokens.recoverAuth(),
    // -213 not a follower, -217 blocked the OA, -244 restricted this message type (docs/reference/platforms/zalo.md §6).
    unreachableCodes: ["-213", "-217", "-244"],
    // The OA API allows 4,000 requests/min per app (docs/reference/platforms/zalo.md §7): 3,000/min for campaigns.
    campaignRatePerSec: 50,
    reauthFields: ["refresh_token", "oauth_code", "code_verifier"],
    reauthorise: (input) => tokens.adopt({ refreshToken: input.refresh_token, code: input.oauth_code, codeVerifier: input.code_verifier }),
  };
}

export const zaloModule: ChannelModule = { settings: ZALO_SETTINGS, create: createZaloChannel };

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
