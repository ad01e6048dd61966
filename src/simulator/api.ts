// The page's two calls: send what the person did (as a signed platform webhook to this
// server's own /webhooks/<channel>), and fetch the conversation so far.
import express, { Router } from "express";
import { z } from "zod";
import type { Config } from "../config.js";
import { errorFields, log } from "../log.js";
import type { SimChannel, Transcript } from "./transcript.js";
import { buildWebhook, type SimAction } from "./webhook-bodies.js";

const channel = z.enum(["zalo", "messenger"]);
const userId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const sendSchema = z
  .object({
    channel,
    userId,
    text: z.string().trim().min(1).max(2000).optional(),
    payload: z.string().min(1).max(1000).optional(),
    title: z.string().max(200).optional(),
    via: z.enum(["text", "quick_reply", "postback"]).optional(),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
    sticker: z.literal(true).optional(),
  })
  .refine((b) => [b.text, b.payload, b.location, b.sticker].filter((v) => v !== undefined).length === 1, {
    message: "exactly one of text, payload, location, sticker",
  });

const messagesSchema = z.object({ channel, userId, after: z.coerce.number().int().min(0).default(0) });

type SendBody = z.infer<typeof sendSchema>;

function actionOf(b: SendBody, ch: SimChannel): SimAction {
  if (b.text !== undefined) return { type: "text", text: b.text };
  if (b.payload !== undefined) return { type: "tap", title: b.title ?? b.payload, payload: b.payload, via: b.via ?? (ch === "zalo" ? "text" : "quick_reply") };
  if (b.location) return { type: "location", ...b.location };
  return { type: "sticker" };
}

export function simulatorApi(config: Config, selfUrl: string, transcript: Transcript): Router {
  const router = Router();

  router.post("/send", express.json({ limit: "16kb" }), async (req, res) => {
    const parsed = sendSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: "bad request" });
      return;
    }
    const body = parsed.data;
    const action = actionOf(body, body.channel);
    // Shown before the webhook answers: the bot may reply before this request returns.
    const shown = await transcript.add(body.channel, body.userId, {
      from: "user",
      ...(action.type === "text" ? { text: action.text } : {}),
      ...(action.type === "tap" ? { text: action.title } : {}),
      ...(action.type === "location" ? { location: { lat: action.lat, lng: action.lng } } : {}),
      ...(action.type === "sticker" ? { sticker: true } : {}),
    });
    const hook = buildWebhook(body.channel, config, body.userId, action);
    let status = 0;
    try {
      const answer = await fetch(`${selfUrl}${hook.path}`, {
        method: "POST",
        headers: hook.headers,
        body: hook.rawBody,
        signal: AbortSignal.timeout(config.HTTP_TIMEOUT_MS),
      });
      status = answer.status;
      await answer.arrayBuffer();
    } catch (err) {
      log.warn("simulator: webhook call failed", { channel: body.channel, ...errorFields(err) });
    }
    if (status !== 200) await transcript.markFailed(body.channel, body.userId, shown.seq);
    log.info("simulator: webhook sent", { channel: body.channel, event: action.type, status });
    res.status(status === 200 ? 200 : 502).json({ ok: status === 200, seq: shown.seq, webhookStatus: status });
  });

  router.get("/messages", async (req, res) => {
    const parsed = messagesSchema.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ error: "bad request" });
      return;
    }
    const { channel: ch, userId: user, after } = parsed.data;
    res.setHeader("cache-control", "no-store");
    res.json(await transcript.since(ch, user, after));
  });

  return router;
}
