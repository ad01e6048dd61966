// Daily at 08:30 Vietnam time: remind province staff of report deadlines coming up
// (deadlines/remind.ts: remindDays before, then the day before; once per stage across instances).
import { remindDeadlines } from "../deadlines/remind.js";
import type { Job } from "./job.js";

export function reportDeadlines(): Job {
  return {
    name: "report-deadlines",
    schedule: { cron: "30 8 * * *" },
    async run(ctx, now) {
      const r = await remindDeadlines({ db: ctx.db, channels: ctx.channels, onQueued: ctx.onOutboxQueued }, now);
      return r.deadlines > 0 ? { deadlines: r.deadlines, queued: r.queued, notReached: r.notReached } : null;
    },
  };
}
