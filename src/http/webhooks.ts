// The webhook path: pick the account the body is for, verify the raw bytes with its secret,
// parse, store, then 200. Nothing else happens before the acknowledgement; the bot runs in
// the inbox worker. One URL per platform serves every OA or Page: the body names its account
// (OA id, Page id), and a body for an account this deployment does not have is acknowledged
// and dropped, never stored under another account.
import express, { type NextFunction, type Request, type Response, Router } from "express";
import type { AckFirst } from "../core/ack-first.js";
import type { Channel, ChannelRegistry } from "../core/channel.js";
import { InboxBatcher } from "../core/inbox-batcher.js";
import type { InboundEvent } from "../core/messages.js";
import type { Db } from "../db/client.js";
import { log } from "../log.js";

export const MAX_BODY = "1mb";

export interface WebhookHooks {
  onStored: () => void;
  /** A webhook arrived for this account (health in the console). */
  onReceived?: (channel: string) => void;
  /** A body named an account we do not have: the registry may reload once in case another instance just added it. */
  onUnknownAccount?: () => Promise<boolean>;
  /** Changes whenever the registry does: the per-path account index is rebuilt only then. */
  registryVersion?: () => number;
}

type Resolution = { matched: Channel[]; unknown: string[] };

/** One webhook path's accounts, looked up by OA/Page id in O(1) whatever their number. */
export interface PathIndex {
  channels: Channel[];
  byId: Map<string, Channel>;
  fallback: Channel | undefined;
}

export function pathIndex(channels: Channel[]): PathIndex {
  return {
    channels,
    byId: new Map(channels.filter((c) => c.account.externalId !== null).map((c) => [c.account.externalId!, c])),
    fallback: channels.find((c) => c.account.externalId === null),
  };
}

/** The channels of one webhook path a body is for. An account without an id takes what no other claims. */
export function resolveAccounts(index: PathIndex | Channel[], json: unknown): Resolution {
  const { channels, byId, fallback } = Array.isArray(index) ? pathIndex(index) : index;
  if (channels.length === 0) return { matched: [], unknown: [] };
  const ids = channels[0]!.accountsIn(json);
  if (ids.length === 0) return { matched: fallback ? [fallback] : channels.length === 1 ? [channels[0]!] : [], unknown: [] };
  const matched = new Set<Channel>();
  const unknown: string[] = [];
  for (const id of ids) {
    const c = byId.get(id) ?? fallback;
    if (c) matched.add(c);
    else unknown.push(id);
  }
  return { matched: [...matched], unknown };
}

export function webhooksRouter(db: Db, channels: ChannelRegistry, hooks: WebhookHooks, acks?: AckFirst): Router {
  const router = Router();
  const store = new InboxBatcher(db);
  const extra = new Map<string, Router>();
  const onPath = (path: string) => [...channels.values()].filter((c) => c.webhookPath === path);
  // Built once per registry version, not per request: 50 accounts cost what one does.
  const cache = new Map<string, { version: number; index: PathIndex }>();
  const indexOf = (path: string): PathIndex => {
    const version = hooks.registryVersion?.();
    const hit = cache.get(path);
    if (version !== undefined && hit && hit.version === version) return hit.index;
    const index = pathIndex(onPath(path));
    if (version !== undefined) cache.set(path, { version, index });
    return index;
  };
  router.post("/webhooks/:path", tracked(acks), express.raw({ type: () => true, limit: MAX_BODY }), (req, res, next) => {
    const path = String(req.params.path);
    if (indexOf(path).channels.length === 0) return next();
    void handle(store, () => indexOf(path), req, res, hooks).catch(next);
  });
  // Extra routes (Messenger's GET handshake): the path's first account that has them answers;
  // the handshake's verify token belongs to the app, which every Page of it shares.
  router.use("/webhooks/:path", (req, res, next) => {
    const owner = onPath(String(req.params.path)).find((c) => c.extraRoutes);
    if (!owner) return next();
    let sub = extra.get(owner.id);
    if (!sub) {
      sub = Router();
      owner.extraRoutes!(sub);
      extra.set(owner.id, sub);
    }
    sub(req, res, next);
  });
  return router;
}

async function handle(store: InboxBatcher, onPath: () => PathIndex, req: Request, res: Response, hooks: WebhookHooks): Promise<void> {
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const json = parseJson(rawBody);
  let found = resolveAccounts(onPath(), json);
  if (found.matched.length === 0 && found.unknown.length > 0 && hooks.onUnknownAccount && (await hooks.onUnknownAccount())) found = resolveAccounts(onPath(), json);
  const platform = onPath().channels[0]?.platform ?? "unknown";
  if (found.matched.length === 0) {
    if (found.unknown.length === 0) {
      // Several accounts and a body that names none: nobody's secret can vouch for it.
      log.warn("webhook rejected: no account named", { platform });
      res.status(json === undefined ? 400 : 403).json({ error: json === undefined ? "malformed body" : "invalid signature" });
      return;
    }
    // A body for an OA/Page this deployment does not serve: acknowledged (a non-200 only brings
    // it back), stored nowhere. OA and Page ids are public, so they may be logged.
    log.warn("webhook for an unknown account dropped", { platform, accounts: found.unknown.slice(0, 5) });
    res.status(200).json({ ok: true, stored: 0, duplicates: 0, unknownAccount: true });
    return;
  }
  const events: InboundEvent[] = [];
  let stale = 0;
  for (const channel of found.matched) {
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
    const aged = byAge(parsed.events, channel.maxEventAgeMs, Date.now());
    // A stale body is still acknowledged: a non-200 would only make the platform send it again.
    if (aged.stale > 0) log.warn("webhook events outside the time window dropped", { channel: channel.id, stale: aged.stale, maxAgeMs: channel.maxEventAgeMs });
    stale += aged.stale;
    events.push(...aged.fresh);
    hooks.onReceived?.(channel.id);
  }
  if (found.unknown.length > 0) log.warn("webhook entries for unknown accounts dropped", { platform, accounts: found.unknown.slice(0, 5) });
  const result = await store.store(events);
  if (result.stored > 0) hooks.onStored();
  log.info("webhook stored", { channel: found.matched.map((c) => c.id).join(","), stored: result.stored, duplicates: result.duplicates });
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
