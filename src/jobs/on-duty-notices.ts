// Every few seconds: tell on-duty staff about new danger flags in their area (handover/
// notify.ts). A poll rather than a hook in the bot: instances share only the database, and
// each notice's dedupe key makes sure a staff member is told once per flag.
import { sendOnDutyNotices } from "../handover/notify.js";
import type { Job } from "./job.js";

export function onDutyNotices(everyMs = 5_000): Job {
  // Flags this instance already looked at; the outbox key is what makes it once across instances.
  const seen = new Set<number>();
  return {
    name: "on-duty-notices",
    schedule: { everyMs },
    async run(ctx, now) {
      const queued = await sendOnDutyNotices({ db: ctx.db, channels: ctx.channels, onQueued: ctx.onOutboxQueued, now: () => now }, seen);
      return { queued };
    },
  };
}
