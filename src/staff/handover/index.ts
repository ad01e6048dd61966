// The human handover inbox (/staff/handover): danger flags and "talk to a person" requests
// in the staff member's area; claim one, read its last messages, reply within the
// platform's window, hand it back to the bot. Live danger flags over server-sent events.
import { Router } from "express";
import { audit } from "../audit.js";
import type { Staff } from "../principal.js";
import type { StaffContext } from "../context.js";
import { claimAction, releaseAction, replyAction } from "./actions.js";
import { conversationPage, holds, MORE, RECENT } from "./conversation-page.js";
import { eventsRoute } from "./events.js";
import { inboxPage } from "./inbox-page.js";
import { findVisibleHandover, visibleHandovers } from "./scope.js";
import { sectionT, sendNotFound } from "./section-page.js";

export function handoverRouter(ctx: StaffContext): Router {
  const r = Router();
  r.get("/handover", async (req, res) => {
    const staff = res.locals.staff as Staff;
    res.type("html").send(await inboxPage(ctx, staff, sectionT(staff), req.query.done));
  });
  // Before "/handover/:id", which would otherwise take "events" for an id.
  r.get("/handover/events", eventsRoute(ctx));
  // The header's live count on every page: unclaimed danger flags in this staff member's area (a number only).
  r.get("/handover/unclaimed.json", async (_req, res) => {
    const staff = res.locals.staff as Staff;
    const rows = await visibleHandovers(ctx.db, staff, { reason: "danger", status: "open" });
    res.set("Cache-Control", "no-store").json({ count: rows.length });
  });
  r.get("/handover/:id", async (req, res) => {
    const staff = res.locals.staff as Staff;
    const v = await findVisibleHandover(ctx.db, staff, req.params.id);
    if (!v) return sendNotFound(res, staff);
    const more = req.query.more === "1";
    // Reading a conversation is audited (only its holder can); reading further back is its own row.
    if (holds(staff, v)) await audit(ctx.db, staff, "open", "conversation", v.conversation.id, `handover=${v.handover.id} last=${more ? MORE : RECENT}`);
    res.type("html").send(await conversationPage(ctx, staff, sectionT(staff), v, more, req.query.done));
  });
  r.post("/handover/:id/claim", claimAction(ctx));
  r.post("/handover/:id/reply", replyAction(ctx));
  r.post("/handover/:id/release", releaseAction(ctx));
  return r;
}
