// A claimed conversation never stays stuck with someone who went quiet: when its holder (in
// the console, or on the platform's own inbox) has said nothing for HANDOVER_SILENCE_MIN, it
// goes back. A danger flag or a "talk to someone" request returns to the queue (and its
// on-duty notices start again), and the person is told that someone will answer soon; a
// conversation held only because a person answered from the platform's inbox simply ends.
// Either way the bot helps again (hotlines, addresses) while nobody holds it.
import type { ChannelRegistry } from "../core/channel.js";
import { queueOutbound } from "../core/outbox.js";
import { windowFor } from "../core/windows.js";
import type { Db } from "../db/client.js";
import { translator } from "../i18n.js";
import { log } from "../log.js";
import { setHandledBy } from "./claim.js";

export interface SilenceOptions {
  db: Db;
  channels: ChannelRegistry;
  silenceMs: number;
  now: Date;
}

export async function releaseSilent(o: SilenceOptions): Promise<{ released: number; told: number }> {
  const { db, now } = o;
  const cutoff = new Date(now.getTime() - o.silenceMs);
  const held = await db.handover.findMany({
    where: { status: "claimed", OR: [{ lastHumanAt: { lt: cutoff } }, { lastHumanAt: null, claimedAt: { lt: cutoff } }] },
    orderBy: { id: "asc" },
    take: 100,
  });
  let released = 0;
  let told = 0;
  for (const h of held) {
    const backToQueue = h.reason !== "platform_inbox";
    const conv = await db.$transaction(async (tx) => {
      // Conditional on what was read: a reply in the meantime (lastHumanAt moved) keeps the hold.
      const done = await tx.handover.updateMany({
        where: { id: h.id, status: "claimed", lastHumanAt: h.lastHumanAt, claimedAt: h.claimedAt },
        data: backToQueue
          ? { status: "open", claimedBy: null, claimedAt: null, heldVia: null, lastHumanAt: null, raisedAt: now, noticeCount: 0, lastNoticeAt: null }
          : { status: "closed", closedAt: now },
      });
      if (done.count !== 1) return null;
      if ((await tx.handover.count({ where: { conversationId: h.conversationId, status: "claimed" } })) === 0) await setHandledBy(tx, h.conversationId, "bot");
      return tx.conversation.findUnique({ where: { id: h.conversationId }, select: { channel: true, userId: true, language: true, lastInboundAt: true } });
    });
    if (!conv) continue;
    released++;
    log.info("handover released after silence", { handoverId: h.id, backToQueue, heldVia: h.heldVia ?? "console" });
    if (!backToQueue) continue;
    const channel = o.channels.get(conv.channel);
    const win = windowFor(channel, channel?.policy.proactive, conv.lastInboundAt, now);
    if (!channel || !win.allowed || win.paid) continue; // her window closed: the console still shows the flag
    const text = translator(conv.language)("help:handover.released");
    const out = await queueOutbound(db, o.channels, [{ channel: conv.channel, recipientId: conv.userId, text, purpose: win.purpose }], { dedupePrefix: `released:${h.id}:${now.getTime()}` });
    if ("queued" in out) told++;
  }
  return { released, told };
}
