// GET /staff/handover/events: server-sent events telling an open inbox page that a danger
// flag appeared (or rose) in the staff member's area. Several server instances share only
// the database, so each connection polls it rather than listening to this process.
// The event carries id, level, reason and time — never anything the person wrote.
import type { Request, Response } from "express";
import { log, errorFields } from "../../log.js";
import type { Staff } from "../principal.js";
import type { StaffContext } from "../context.js";
import { ACTIVE, visibleHandovers } from "./scope.js";

export interface EventsLimits {
  pollMs: number;
  /** Streams this process serves at once, and per staff member (a few tabs). */
  maxStreams: number;
  maxPerStaff: number;
  /** Streams end after this long; the browser reconnects, and the session is checked again. */
  maxAgeMs: number;
}

export const DEFAULT_LIMITS: EventsLimits = { pollMs: 2_000, maxStreams: 100, maxPerStaff: 4, maxAgeMs: 10 * 60_000 };
const KEEPALIVE_EVERY = 10; // polls

export function eventsRoute(ctx: StaffContext, limits: EventsLimits = DEFAULT_LIMITS) {
  const perStaff = new Map<number, number>();
  let total = 0;

  return async (_req: Request, res: Response): Promise<void> => {
    const staff = res.locals.staff as Staff;
    if (total >= limits.maxStreams || (perStaff.get(staff.id) ?? 0) >= limits.maxPerStaff) {
      res.status(503).set("Retry-After", "30").end();
      return;
    }
    total++;
    perStaff.set(staff.id, (perStaff.get(staff.id) ?? 0) + 1);
    let closed = false;
    const release = () => {
      if (closed) return;
      closed = true;
      total--;
      const n = (perStaff.get(staff.id) ?? 1) - 1;
      if (n > 0) perStaff.set(staff.id, n);
      else perStaff.delete(staff.id);
    };
    res.on("close", release);

    // What is already flagged is on the page; only what appears after this is news.
    const known = new Map<number, number>();
    try {
      for (const v of await dangerFlags(ctx, staff)) known.set(v.handover.id, v.handover.severity);
    } catch (err) {
      release();
      throw err;
    }
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" });
    res.write("retry: 5000\n\n");

    let polls = 0;
    let busy = false;
    const poll = async () => {
      if (busy || closed) return;
      busy = true;
      try {
        const flags = await dangerFlags(ctx, staff);
        if (closed) return;
        for (const { handover: h } of flags) {
          if ((known.get(h.id) ?? 0) >= h.severity) continue;
          known.set(h.id, h.severity);
          res.write(`data: ${JSON.stringify({ id: h.id, severity: h.severity, reason: h.reason, createdAt: h.createdAt.toISOString() })}\n\n`);
        }
        // Forget closed flags, so the map stays as small as the inbox.
        const current = new Set(flags.map((f) => f.handover.id));
        for (const id of known.keys()) if (!current.has(id)) known.delete(id);
        if (++polls % KEEPALIVE_EVERY === 0) res.write(": keep-alive\n\n");
      } catch (err) {
        log.warn("handover events poll failed", { staffId: staff.id, ...errorFields(err) });
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void poll(), limits.pollMs);
    const expiry = setTimeout(() => res.end(), limits.maxAgeMs);
    res.on("close", () => {
      clearInterval(timer);
      clearTimeout(expiry);
    });
  };
}

function dangerFlags(ctx: StaffContext, staff: Staff) {
  return visibleHandovers(ctx.db, staff, { reason: "danger", status: { in: ACTIVE } }, 500);
}
