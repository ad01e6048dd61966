// Every second: move each running campaign on (src/broadcasts/run.ts): expand one batch of
// its audience, send the next recipients within each channel's rate, record what the outbox
// did. Once a second so that a pause in the console stops new sends within a second.
import { defaultRatePerSec, syncStep } from "../broadcasts/progress.js";
import { dispatchStep, expandFor } from "../broadcasts/run.js";
import { DbRateBuckets } from "../broadcasts/rate-db.js";
import type { SendBudget } from "../broadcasts/rate.js";
import type { Job, JobContext } from "./job.js";

export function campaignDispatch(everyMs = 1_000, ratePerSec: (channel: string, channels: JobContext["channels"]) => number = defaultRatePerSec): Job {
  let buckets: SendBudget | null = null;
  return {
    name: "campaign-dispatch",
    schedule: { everyMs },
    async run(ctx, now) {
      const campaigns = await ctx.db.campaign.findMany({ where: { status: "running", startAt: { lte: now }, OR: [{ roundStartAt: null }, { roundStartAt: { lte: now } }] }, orderBy: { id: "asc" }, take: 20 });
      if (campaigns.length === 0) return null;
      let queued = 0;
      let skipped = 0;
      let deferred = 0;
      for (const c of campaigns) {
        await expandFor(ctx.db, c, ctx.channels, everyMs / 4);
        const fresh = await ctx.db.campaign.findUniqueOrThrow({ where: { id: c.id } });
        if (fresh.status !== "running") continue; // paused or cancelled during this tick
        buckets ??= new DbRateBuckets(ctx.db);
        const d = await dispatchStep({ db: ctx.db, channels: ctx.channels, ratePerSec: (id) => ratePerSec(id, ctx.channels), tickMs: everyMs, now, buckets }, fresh);
        queued += d.queued;
        skipped += d.skipped;
        deferred += d.deferred;
        await syncStep(ctx.db, await ctx.db.campaign.findUniqueOrThrow({ where: { id: c.id } }), now);
      }
      if (queued > 0) ctx.onOutboxQueued();
      return queued + skipped + deferred > 0 ? { campaigns: campaigns.length, queued, skipped, deferred } : null;
    },
  };
}
