// Every minute: give back conversations whose holder went silent (handover/silence.ts).
import { releaseSilent } from "../handover/silence.js";
import type { Job } from "./job.js";

export function handoverRelease(everyMs = 60_000): Job {
  return {
    name: "handover-release",
    schedule: { everyMs },
    async run(ctx, now) {
      const out = await releaseSilent({ db: ctx.db, channels: ctx.channels, silenceMs: ctx.config.HANDOVER_SILENCE_MIN * 60_000, now });
      if (out.told > 0) ctx.onOutboxQueued();
      return out.released > 0 ? out : null;
    },
  };
}
