// The simulator's stand-in for Meta's Graph API (Send API and Messenger Profile), mounted on
// the bot's own server. Errors use Graph's envelope so the real channel code classifies them.
import { randomBytes } from "node:crypto";
import express, { type Request, Router } from "express";
import type { Config } from "../config.js";
import { log } from "../log.js";
import { messengerReply } from "./replies.js";
import type { Transcript } from "./transcript.js";
import { messengerSettings } from "../channels/messenger/config.js";

function pageToken(req: Request): string | undefined {
  const q = req.query.access_token;
  if (typeof q === "string") return q;
  const auth = req.header("authorization");
  return auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined;
}

const graphError = (code: number, message: string, type = "OAuthException") => ({
  error: { message, type, code, fbtrace_id: randomBytes(8).toString("hex") },
});

export function fakeGraphRouter(config: Config, transcript: Transcript): Router {
  const router = Router();
  const pageTokenOk = (req: Request) => pageToken(req) === messengerSettings(config).MESSENGER_PAGE_TOKEN;
  let sent = 0;

  // /me/messages and /{PAGE_ID}/messages are the same Send API.
  router.post("/:version/:node/messages", express.json({ limit: "256kb" }), (req, res) => {
    if (!pageTokenOk(req)) {
      res.status(400).json(graphError(190, "Invalid OAuth 2.0 Access Token"));
      return;
    }
    const body: unknown = req.body;
    const recipientId = (body as { recipient?: { id?: unknown } } | undefined)?.recipient?.id;
    if (typeof recipientId !== "string" || recipientId === "") {
      res.status(400).json(graphError(100, "(#100) The parameter recipient is required", "OAuthException"));
      return;
    }
    const reply = messengerReply(body);
    if (reply) {
      transcript.add("messenger", reply.userId, reply.entry);
      sent++;
      log.debug("simulator: messenger reply recorded", { sent });
    }
    res.json({ recipient_id: recipientId, message_id: `m_${randomBytes(12).toString("hex")}` });
  });

  router.all("/:version/:node/messenger_profile", express.json({ limit: "64kb" }), (req, res) => {
    if (!pageTokenOk(req)) {
      res.status(400).json(graphError(190, "Invalid OAuth 2.0 Access Token"));
      return;
    }
    res.json(req.method === "GET" ? { data: [] } : { result: "success" });
  });

  router.use((_req, res) => {
    res.status(400).json(graphError(100, "Unsupported request (simulator)", "GraphMethodException"));
  });
  return router;
}
