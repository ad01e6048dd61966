// The Express app: request ids, health, webhooks, then whatever main.ts mounts
// (simulator, staff console), and an error handler that never leaks a body.
import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { AckFirst } from "../core/ack-first.js";
import type { ChannelRegistry } from "../core/channel.js";
import type { Db } from "../db/client.js";
import { errorFields, log, requestContext } from "../log.js";
import { webhooksRouter, type WebhookHooks } from "./webhooks.js";
import { isDatabaseUnavailable } from "../db/errors.js";

export interface AppDeps {
  db: Db;
  /** Express "trust proxy": which hops may set X-Forwarded-For (the client address limits use it). */
  trustProxy?: boolean | number | string;
  /** A request still unanswered after this gets 503 (streams that already answered are left alone). */
  requestTimeoutMs?: number;
  channels: ChannelRegistry;
  onInboundStored: () => void;
  /** Account health and the reload for an account another instance just added. */
  webhookHooks?: Omit<WebhookHooks, "onStored">;
  /** Tells the workers while webhooks are waiting for their acknowledgement. */
  acks?: AckFirst;
  mount?: (app: Express) => void;
  /** false on a worker-only process: it answers /healthz and nothing else (no webhooks, no console). */
  web?: boolean;
  /** Shown by /healthz: which role this process runs (web, worker, all). */
  role?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy ?? "loopback");
  if (deps.requestTimeoutMs) app.use(answerWithin(deps.requestTimeoutMs));
  app.use((req, res, next) => {
    const incoming = req.header("x-request-id");
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader("x-request-id", requestId);
    requestContext.run({ requestId }, next);
  });
  app.get("/healthz", async (_req, res) => {
    try {
      // Events the bot gave up on need a person: the server is up, but degraded.
      const failedEvents = await deps.db.inboxEvent.count({ where: { status: "failed" } });
      const role = deps.role ? { role: deps.role } : {};
      res.json(failedEvents > 0 ? { status: "degraded", failedEvents, ...role } : { status: "ok", ...role });
    } catch {
      // The database is unreachable: say so (webhooks answer 503 too, so platforms retry).
      res.status(503).json({ status: "unavailable", reason: "database" });
    }
  });
  if (deps.web !== false) {
    app.use(webhooksRouter(deps.db, deps.channels, { onStored: deps.onInboundStored, ...(deps.webhookHooks ?? {}) }, deps.acks));
    deps.mount?.(app);
  }
  app.use((_req, res) => res.status(404).json({ error: "not found" }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // The database is down or full: 503 with Retry-After, so a platform sends the webhook again
    // (nothing was acknowledged, nothing is lost) and a person sees "try again", not a crash.
    if (isDatabaseUnavailable(err)) {
      log.error("database unavailable", errorFields(err));
      if (!res.headersSent) res.status(503).setHeader("retry-after", "5").json({ error: "database unavailable" });
      return;
    }
    const status = httpStatusOf(err);
    if (res.headersSent) {
      // Already answered (a timeout, or a stream): nothing more can be said to this client.
      if (status >= 500) log.error("request failed after its answer", errorFields(err));
      return;
    }
    const requestId = String(res.getHeader("x-request-id") ?? "");
    if (status >= 500) log.error("request failed", errorFields(err));
    res.status(status).json({ error: status === 413 ? "body too large" : status < 500 ? "bad request" : "internal error", requestId });
  });
  return app;
}

function httpStatusOf(err: unknown): number {
  const s = typeof err === "object" && err !== null ? (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === "number" && s >= 400 && s < 600 ? s : 500;
}

function answerWithin(ms: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      log.error("request timed out", { method: req.method, path: req.path, timeoutMs: ms });
      res.status(503).setHeader("retry-after", "5").json({ error: "timeout" });
    }, ms);
    timer.unref();
    const done = () => clearTimeout(timer);
    res.once("finish", done);
    res.once("close", done);
    next();
  };
}
