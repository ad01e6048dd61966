// The webhook path: verify the raw bytes, parse, store, then 200. Nothing else happens
// before the acknowledgement; the bot runs in the inbox worker.
import express, { type NextFunction, type Request, type Response, Router } from "express";
import type { AckFirst } from "../core/ack-first.js";
import type { Channel, ChannelRegistry } from "../core/channel.js";
import { InboxBatcher } from "../core/inbox-batcher.js";
import type { InboundEvent } from "../core/messages.js";
import type { Db } from "../db/client.js";
import { log } from "../log.js";

export const MAX_BODY = "1mb";

export function webhooksRouter(db: Db, channels: ChannelRegistry, onStored: () => void, acks?: AckFirst): Router {
  const router = Router();
  const store = new InboxBatcher(db);
  for (const channel of channels.values()) {
    const sub = Router();
    channel.extraRoutes?.(sub);
    sub.post("/", tracked(acks), express.raw({ type: () => true, limit: MAX_BODY }), (req, res) => handle(store, channel, req, res, onStored));
    router.use(`/webhooks/${channel.webhookPath}`, sub);
  }
  return router;
}

async function handle(store: InboxBatcher, channel: Channel, req: Request, res: Response, onStored: () => void): Promise<void> {
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const json = parseJson(rawBody);
  const verdict = channel.verify({ rawBody, headers: req.headers, json });
  if (!verdict.ok) {
    const status = verdict.status ?? 403;
    log.warn("webhook rejected", { channel: channel.id, status, reason: verdict.reason });
    res.status(status).json({ error: status === 403 ? "invalid signature" : "malformed body" });
    return;
  }
  if (verdict.mismatch) log.warn("signature mismatch accepted (report mode)", { channel: channel.id, reason: verdict.mismatch });
  if (json === undefined) {
    res.status(400).json({ error: "body is not JSON" });
    return;
  }
  const parsed = channel.parse(json);
  if (!parsed.ok) {
    log.warn("webhook body has the wrong shape", { channel: channel.id, reason: parsed.reason });
    res.status(400).json({ error: "unexpected body shape" });
    return;
  }
  const { fresh, stale } = byAge(parsed.events, channel.maxEventAgeMs, Date.now());
  // A stale body is still acknowledged: a non-200 would only make the platform send it again.
  if (stale > 0) log.warn("webhook events outside the time window dropped", { channel: channel.id, stale, maxAgeMs: channel.maxEventAgeMs });
  const result = await store.store(fresh);
  if (result.stored > 0) onStored();
  log.info("webhook stored", { channel: channel.id, stored: result.stored, duplicates: result.duplicates });
  res.status(200).json({ ok: true, ...result, ...(stale > 0 ? { stale } : {}) });
}

/** Counts the request as waiting for its acknowledgement from its first byte to its answer. */
function tracked(acks: AckFirst | undefined) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (acks) {
      const end = acks.begin();
      res.once("finish", end);
      res.once("close", end);
    }
    next();
  };
}

function byAge(events: InboundEvent[], maxAgeMs: number | undefined, now: number): { fresh: InboundEvent[]; stale: number } {
  if (!maxAgeMs) return { fresh: events, stale: 0 };
  const fresh = events.filter((e) => Math.abs(now - Date.parse(e.occurredAt)) <= maxAgeMs);
  return { fresh, stale: events.length - fresh.length };
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
