// Starts the job list with the workers and stops it with them. Cron jobs fire in Vietnam
// time, whatever the server's zone; interval jobs run one pass per interval. A failing run
// is logged with the job's name and never stops the others or the next run. With several
// worker processes each tick is claimed in the database (JobSlot) first: a job runs once per
// tick across instances, not once per instance.
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

/** The tick a moment belongs to: the interval's slot, or the cron's minute. */
export function slotOf(job: Job, now: Date): Date {
  const size = "everyMs" in job.schedule ? job.schedule.everyMs : 60_000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** True for the one instance that takes this tick of this job. */
export async function claimSlot(db: JobContext["db"], name: string, slotAt: Date): Promise<boolean> {
  const moved = await db.jobSlot.updateMany({ where: { name, slotAt: { lt: slotAt } }, data: { slotAt } });
  if (moved.count === 1) return true;
  if (await db.jobSlot.findUnique({ where: { name }, select: { name: true } })) return false; // this tick is taken
  try {
    await db.jobSlot.create({ data: { name, slotAt } });
    return true;
  } catch {
    return false; // another instance created it first
  }
}

async function runClaimed(job: Job, ctx: JobContext, now: Date): Promise<void> {
  try {
    if (!(await claimSlot(ctx.db, job.name, slotOf(job, now)))) return;
  } catch (err) {
    log.error("job slot claim failed", { job: job.name, ...errorFields(err) });
    return;
  }
  await runOnce(job, ctx, now);
}

export function startJobs(jobs: readonly Job[], ctx: JobContext, clock: () => Date = () => new Date()): RunningJobs {
  const stops = jobs.map((job) => {
    const { schedule } = job;
    if ("cron" in schedule) {
      const task = cron.schedule(schedule.cron, () => runClaimed(job, ctx, clock()), { timezone: JOB_TIMEZONE, name: job.name });
      return async () => void (await task.stop());
    }
    const loop = new WorkLoop(job.name, async () => {
      await runClaimed(job, ctx, clock());
      return 0; // one pass per interval
    }, schedule.everyMs);
    loop.start();
    return () => loop.stop();
  });
  return { stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}
