// The simulator's stand-in for Zalo's OA API and OAuth v4 token endpoint, mounted on the
// bot's own server. It answers like Zalo (errors in the body with HTTP 200) so the real
// channel code runs unchanged, and records each reply for the simulator page.
import { randomBytes } from "node:crypto";
import express, { Router } from "express";
import type { Config } from "../config.js";
import { log } from "../log.js";
import { zaloReply } from "./replies.js";
import type { Transcript } from "./transcript.js";
import { zaloSettings } from "../channels/zalo/config.js";

/**
 * Tokens the fake accepts. Issued tokens extend the configured ones (`<configured>.<random>`),
 * so a token rotated into the database before a restart is still recognised afterwards,
 * while a spent refresh token is refused like Zalo does (-14020) for as long as we run.
 */
class ZaloTokens {
  private readonly spentRefresh = new Set<string>();
  constructor(private readonly access: string, private readonly refresh: string) {}

  accessOk(token: string | undefined): boolean {
    return token !== undefined && (token === this.access || token.startsWith(`${this.access}.`));
  }

  rotate(refreshToken: string): { access_token: string; refresh_token: string; expires_in: string } | null {
    const known = refreshToken === this.refresh || refreshToken.startsWith(`${this.refresh}.`);
    if (!known || this.spentRefresh.has(refreshToken)) return null;
    this.spentRefresh.add(refreshToken);
    const nonce = randomBytes(6).toString("hex");
    return { access_token: `${this.access}.${nonce}`, refresh_token: `${this.refresh}.${nonce}`, expires_in: "90000" };
  }
}

/** Routers for ZALO_API_BASE and ZALO_OAUTH_BASE, sharing one token state. */
export function fakeZaloRouters(config: Config, transcript: Transcript): { api: Router; oauth: Router } {
  const tokens = new ZaloTokens(zaloSettings(config).ZALO_ACCESS_TOKEN ?? "", zaloSettings(config).ZALO_REFRESH_TOKEN ?? "");
  return { api: apiRouter(tokens, transcript), oauth: oauthRouter(tokens, config) };
}

function apiRouter(tokens: ZaloTokens, transcript: Transcript): Router {
  const router = Router();
  let sent = 0;

  router.post("/v3.0/oa/message/:kind", express.json({ limit: "256kb" }), (req, res) => {
    if (!tokens.accessOk(req.header("access_token"))) {
      res.json({ error: -216, message: "Access token is invalid" });
      return;
    }
    const reply = zaloReply(req.body);
    if (!reply) {
      res.json({ error: -201, message: "recipient is invalid!" });
      return;
    }
    transcript.add("zalo", reply.userId, reply.entry);
    sent++;
    log.debug("simulator: zalo reply recorded", { sent });
    res.json({ error: 0, message: "Success", data: { message_id: randomBytes(10).toString("hex"), user_id: reply.userId } });
  });

  // Anything else the channel may call (user detail, quota…) is not simulated.
  router.use((_req, res) => {
    res.json({ error: -209, message: "Not supported this api" });
  });
  return router;
}

function oauthRouter(tokens: ZaloTokens, config: Config): Router {
  const router = Router();
  router.post("/v4/oa/access_token", express.urlencoded({ extended: false, limit: "16kb" }), (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    if (req.header("secret_key") !== zaloSettings(config).ZALO_APP_SECRET || form.app_id !== zaloSettings(config).ZALO_APP_ID) {
      res.json({ error: -14002, error_name: "Invalid appId", error_description: "app_id or secret_key is wrong" });
      return;
    }
    const rotated = form.grant_type === "refresh_token" && typeof form.refresh_token === "string" ? tokens.rotate(form.refresh_token) : null;
    if (!rotated) {
      res.json({ error: -14020, error_name: "Invalid refresh token", error_description: "refresh token is invalid or already used" });
      return;
    }
    log.info("simulator: zalo tokens rotated");
    res.json(rotated);
  });
  return router;
}
