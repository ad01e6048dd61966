// Starts the job list with the workers and stops it with them. Cron jobs fire in Vietnam
// time, whatever the server's zone; interval jobs run one pass per interval. A failing run
// is logged with the job's name and never stops the others or the next run.
import cron from "node-cron";
import { WorkLoop } from "../core/loop.js";
import { errorFields, log } from "../log.js";
import type { Job, JobContext } from "./job.js";

export const JOB_TIMEZONE = "Asia/Ho_Chi_Minh";

export interface RunningJobs {
  stop(): Promise<void>;
}

export async function runOnce(job: Job, ctx: JobContext, now: Date): Promise<void> {
  try {
    const report = await job.run(ctx, now);
    // Interval jobs run often: a line only when they did something.
    const worked = report && Object.values(report).some((v) => typeof v === "number" && v > 0);
    if (report && ("cron" in job.schedule || worked)) log.info("job ran", { job: job.name, ...report });
  } catch (err) {
    log.error("job failed", { job: job.name, ...errorFields(err) });
  }
}

export function startJobs(jobs: readonly Job[], ctx: JobContext, clock: () => Date = () => new Date()): RunningJobs {
  const stops = jobs.map((job) => {
    const { schedule } = job;
    if ("cron" in schedule) {
      const task = cron.schedule(schedule.cron, () => runOnce(job, ctx, clock()), { timezone: JOB_TIMEZONE, name: job.name });
      return async () => void (await task.stop());
    }
    const loop = new WorkLoop(job.name, async () => {
      await runOnce(job, ctx, clock());
      return 0; // one pass per interval
    }, schedule.everyMs);
    loop.start();
    return () => loop.stop();
  });
  return { stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}
