// POST claim / reply / release. Each looks the handover up through the staff member's area
// first (outside it: 404), and each leaves an audit row. Replies go through the outbox and
// only inside the platform's window; the decision (never the text) is kept in the audit row.
import { randomUUID } from "node:crypto";
import type { Request, Response } from "express";
import { claimHandover, releaseHandover, touchHandover } from "../../handover/claim.js";
import { replyWindow, windowDetail } from "../../core/windows.js";
import { queueStaffReply } from "../../handover/staff-reply.js";
import { log } from "../../log.js";
import { audit } from "../audit.js";
import type { Staff } from "../principal.js";
import type { StaffContext } from "../context.js";
import { REPLY_MAX } from "./conversation-page.js";
import { windowText } from "./labels.js";
import { findVisibleHandover, holderNames } from "./scope.js";
import { sectionT, sendMessage, sendNotFound } from "./section-page.js";

const FORM_KEY = /^[A-Za-z0-9-]{16,64}$/;

export function claimAction(ctx: StaffContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const staff = res.locals.staff as Staff;
    const v = await findVisibleHandover(ctx.db, staff, req.params.id as string | undefined);
    if (!v) return sendNotFound(res, staff);
    const id = v.handover.id;
    const outcome = await claimHandover(ctx.db, id, String(staff.id));
    if (!outcome.ok) {
      const t = sectionT(staff);
      const current = await ctx.db.handover.findUniqueOrThrow({ where: { id } });
      const name = (await holderNames(ctx.db, [current])).get(outcome.heldBy ?? "") ?? "?";
      return sendMessage(res, staff, 409, outcome.status === "claimed" ? t("claim.taken", { name }) : t("claim.closed"), `/staff/handover/${id}`);
    }
    await audit(ctx.db, staff, "claim", "handover", id);
    res.redirect(303, `/staff/handover/${id}?done=claimed`);
  };
}

export function replyAction(ctx: StaffContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const staff = res.locals.staff as Staff;
    const t = sectionT(staff);
    const v = await findVisibleHandover(ctx.db, staff, req.params.id as string | undefined);
    if (!v) return sendNotFound(res, staff);
    const { handover: h, conversation: conv } = v;
    const back = `/staff/handover/${h.id}`;
    if (h.status !== "claimed" || h.claimedBy !== String(staff.id)) return sendMessage(res, staff, 409, t("reply.notHolder"), back);
    const text = typeof req.body?.text === "string" ? req.body.text.trim() : "";
    if (text === "") return sendMessage(res, staff, 400, t("reply.empty"), back);
    if ([...text].length > REPLY_MAX) return sendMessage(res, staff, 400, t("reply.tooLong", { max: REPLY_MAX }), back);

    const window = replyWindow(ctx.channels.get(conv.channel), conv.lastInboundAt, new Date());
    if (!window.allowed) {
      await audit(ctx.db, staff, "reply_refused", "handover", h.id, windowDetail(window));
      return sendMessage(res, staff, 409, `${t("reply.refused")}: ${windowText(t, window)}`, back);
    }
    const key = typeof req.body?.key === "string" && FORM_KEY.test(req.body.key) ? req.body.key : randomUUID();
    const out = await queueStaffReply(ctx.db, ctx.channels, { handoverId: h.id, channel: conv.channel, userId: conv.userId, text, purpose: window.purpose, key });
    if ("noChannel" in out) return sendMessage(res, staff, 503, t("reply.noChannel"), back);
    if ("queued" in out) {
      await touchHandover(ctx.db, h.id);
      await audit(ctx.db, staff, "reply", "handover", h.id, `${windowDetail(window)} parts=${out.queued}`);
      log.info("staff reply queued", { handoverId: h.id, staffId: staff.id, channel: conv.channel, policy: window.policy, parts: out.queued });
      ctx.onOutboxQueued();
    }
    // A second submit of the same form ("duplicate") lands here too: it was queued once.
    res.redirect(303, `${back}?done=sent`);
  };
}

export function releaseAction(ctx: StaffContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const staff = res.locals.staff as Staff;
    const v = await findVisibleHandover(ctx.db, staff, req.params.id as string | undefined);
    if (!v) return sendNotFound(res, staff);
    const id = v.handover.id;
    const released = await releaseHandover(ctx.db, id, String(staff.id), staff.role === "centre_admin");
    if (!released) return sendMessage(res, staff, 409, sectionT(staff)("release.notHolder"), `/staff/handover/${id}`);
    await audit(ctx.db, staff, "release", "handover", id);
    res.redirect(303, "/staff/handover?done=released");
  };
}
