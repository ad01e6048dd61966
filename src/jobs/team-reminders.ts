// Daily at 09:00 Vietnam time (working hours, well inside any quiet-hours rule): on the two
// reminder days of a quarter, remind the leaders of teams with no session report yet
// (flows/report/reminders.ts decides who, within each channel's window).
import { runReminderJob } from "../flows/report/reminders.js";
import type { Job } from "./job.js";

export function teamReminders(): Job {
  return {
    name: "team-reminders",
    schedule: { cron: "0 9 * * *" },
    async run(ctx, now) {
      const run = await runReminderJob({ db: ctx.db, channels: ctx.channels, onQueued: ctx.onOutboxQueued }, now);
      return run ? { kind: run.kind, quarter: run.quarter, queued: run.queued, skipped: run.skipped, duplicates: run.duplicates } : null;
    },
  };
}
