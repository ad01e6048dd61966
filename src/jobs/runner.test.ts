// The runner: an interval job runs with the clock it is given, a failing job is logged and
// does not stop the next run, and every job of the server has a valid schedule.
import cron from "node-cron";
import { afterEach, describe, expect, it } from "vitest";
import { setLogLevel, setLogSink } from "../log.js";
import { serverJobs } from "./index.js";
import type { Job, JobContext } from "./job.js";
import { runOnce, startJobs } from "./runner.js";

const ctx = {} as JobContext;

afterEach(() => {
  setLogLevel("silent");
  setLogSink((line) => process.stdout.write(line + "\n"));
});

describe("job runner", () => {
  it("every server job has a name, a valid schedule and a unique name", () => {
    const jobs = serverJobs();
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
    for (const j of jobs) {
      if ("cron" in j.schedule) expect(cron.validate(j.schedule.cron)).toBe(true);
      else expect(j.schedule.everyMs).toBeGreaterThan(0);
    }
  });

  it("runs an interval job with the given clock until stopped", async () => {
    const seen: number[] = [];
    const fake = new Date("2026-06-01T00:00:00Z");
    const job: Job = { name: "tick", schedule: { everyMs: 10 }, run: async (_c, now) => (seen.push(now.getTime()), { n: 1 }) };
    const running = startJobs([job], ctx, () => fake);
    while (seen.length < 3) await new Promise((r) => setTimeout(r, 5));
    await running.stop();
    expect(new Set(seen)).toEqual(new Set([fake.getTime()]));
  });

  it("a failing run is logged with the job's name and does not throw", async () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    setLogLevel("info");
    await runOnce({ name: "broken", schedule: { cron: "0 9 * * *" }, run: async () => Promise.reject(new Error("db down")) }, ctx, new Date());
    expect(lines.some((l) => l.includes('"job failed"') && l.includes('"broken"'))).toBe(true);
  });
});
