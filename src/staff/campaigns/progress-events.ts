// GET /staff/campaigns/:id/events: server-sent events with the campaign's progress (counts by
// status, done, rate per minute, estimated end), once a second while the page is open. Instances
// share only the database, so each stream polls it. Counts only: never who.
import type { Request, Response } from "express";
import { progressOf } from "../../broadcasts/progress.js";
import type { StaffContext } from "../context.js";
import type { Staff } from "../principal.js";
import { canSeeCampaign } from "./views.js";

const OPEN = ["eligible", "deferred", "queued"];
const MAX_STREAMS = 100;
const MAX_AGE_MS = 10 * 60_000;

export interface ProgressEvent {
  status: string;
  total: number;
  sent: number;
  skipped: number;
  failed: number;
  remaining: number;
  perMinute: number;
  /** ISO time the rest would take at this pace, or null. */
  eta: string | null;
  byStatus: Record<string, number>;
}

export async function progressEvent(ctx: StaffContext, id: number, pace: { at: number; sent: number }[]): Promise<ProgressEvent | null> {
  const row = await ctx.db.campaign.findUnique({ where: { id }, select: { status: true } });
  if (!row) return null;
  const p = await progressOf(ctx.db, id);
  const sum = (keys: string[]) => keys.reduce((s, k) => s + (p.byStatus[k] ?? 0), 0);
  const sent = sum(["sent", "delivered", "seen"]);
  const remaining = sum(OPEN);
  const now = Date.now();
  pace.push({ at: now, sent });
  while (pace.length > 1 && now - pace[0]!.at > 60_000) pace.shift();
  const first = pace[0]!;
  const perMinute = now - first.at >= 1_000 ? Math.round(((sent - first.sent) * 60_000) / (now - first.at)) : 0;
  return {
    status: row.status, total: p.total, sent, skipped: sum(["skipped", "needs_approval", "cancelled"]), failed: sum(["failed_retryable", "failed_permanent"]), remaining, perMinute,
    eta: perMinute > 0 && remaining > 0 ? new Date(now + (remaining / perMinute) * 60_000).toISOString() : null,
    byStatus: p.byStatus,
  };
}

export function progressEventsRoute(ctx: StaffContext, pollMs = 1_000) {
  let streams = 0;
  return async (req: Request, res: Response): Promise<void> => {
    const staff = res.locals.staff as Staff;
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    const row = Number.isSafeInteger(id) ? await ctx.db.campaign.findUnique({ where: { id }, select: { provinceCode: true, communeCode: true } }) : null;
    if (!row || !canSeeCampaign(staff, row)) return void res.sendStatus(404);
    if (streams >= MAX_STREAMS) return void res.status(503).set("Retry-After", "30").end();
    streams++;
    let closed = false;
    const pace: { at: number; sent: number }[] = [];
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" });
    res.write("retry: 3000\n\n");
    const send = async () => {
      if (closed) return;
      try {
        const e = await progressEvent(ctx, id, pace);
        if (e && !closed) res.write(`event: progress\ndata: ${JSON.stringify(e)}\n\n`);
        if (e && ["done", "cancelled"].includes(e.status)) stop();
      } catch {
        stop();
      }
    };
    const timer = setInterval(() => void send(), pollMs);
    const age = setTimeout(() => stop(), MAX_AGE_MS);
    const stop = () => {
      if (closed) return;
      closed = true;
      streams--;
      clearInterval(timer);
      clearTimeout(age);
      res.end();
    };
    res.on("close", stop);
    await send();
  };
}
