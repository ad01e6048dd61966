// Daily at 03:15 Vietnam time, when nobody is writing: blank old message text in and out,
// delete erasure tombstones past their window and ended rate-limit windows
// (privacy/retention.ts says what is kept and why).
import { runRetention } from "../privacy/retention.js";
import type { Job } from "./job.js";

export function retention(): Job {
  return {
    name: "retention",
    schedule: { cron: "15 3 * * *" },
    async run(ctx, now) {
      const counts = await runRetention(ctx.db, { retentionDays: ctx.config.RETENTION_DAYS, erasedKeysDays: ctx.config.ERASED_KEYS_DAYS }, now);
      return { ...counts, retentionDays: ctx.config.RETENTION_DAYS };
    },
  };
}
