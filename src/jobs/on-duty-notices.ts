// Every few seconds: tell on-duty staff about danger flags in their area that nobody has
// claimed yet, at once and again every ONDUTY_REPEAT_MIN (handover/notify.ts). A poll rather
// than a hook in the bot: instances share only the database, and each round is claimed on
// the flag's row, so a staff member is told once per round.
import { sendOnDutyNotices } from "../handover/notify.js";
import type { Job } from "./job.js";

export function onDutyNotices(everyMs = 5_000): Job {
  return {
    name: "on-duty-notices",
    schedule: { everyMs },
    async run(ctx, now) {
      const queued = await sendOnDutyNotices({ db: ctx.db, channels: ctx.channels, onQueued: ctx.onOutboxQueued, now: () => now, repeatMs: ctx.config.ONDUTY_REPEAT_MIN * 60_000 });
      return { queued };
    },
  };
}
