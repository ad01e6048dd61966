// The runner: an interval job runs with the clock it is given, a failing job is logged and
// does not stop the next run, and every job of the server has a valid schedule.
import cron from "node-cron";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDb } from "../../tests/support/db.js";
import { setLogLevel, setLogSink } from "../log.js";
import { serverJobs } from "./index.js";
import type { Job, JobContext } from "./job.js";
import { claimSlot, runOnce, startJobs } from "./runner.js";

let database: TestDb;
let ctx: JobContext;
beforeAll(async () => {
  database = await openTestDatabase();
  ctx = { db: database.db } as JobContext;
});
afterAll(async () => {
  await database?.destroy();
});

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
    let t = Date.parse("2026-06-01T00:00:00Z");
    const job: Job = { name: "tick", schedule: { everyMs: 10 }, run: async (_c, now) => (seen.push(now.getTime()), { n: 1 }) };
    const running = startJobs([job], ctx, () => new Date((t += 10)));
    while (seen.length < 3) await new Promise((r) => setTimeout(r, 5));
    await running.stop();
    expect(seen.every((x) => x > Date.parse("2026-06-01T00:00:00Z"))).toBe(true);
  });

  it("with several instances, each tick of a job runs once (claimed in the database)", async () => {
    const slot = new Date("2026-06-02T00:00:00Z");
    const wins = await Promise.all(Array.from({ length: 6 }, () => claimSlot(database.db, "once", slot)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await claimSlot(database.db, "once", slot)).toBe(false);
    expect(await claimSlot(database.db, "once", new Date(slot.getTime() - 1000))).toBe(false); // an old tick
    expect(await claimSlot(database.db, "once", new Date(slot.getTime() + 1000))).toBe(true);

    // Three runners of one job on one database and one clock: every tick runs once in all.
    const runs: number[] = [];
    let t = Date.parse("2026-06-03T00:00:00Z");
    const clock = () => new Date(t);
    const job: Job = { name: "shared", schedule: { everyMs: 10 }, run: async (_c, now) => (runs.push(now.getTime()), null) };
    const runners = [startJobs([job], ctx, clock), startJobs([job], ctx, clock), startJobs([job], ctx, clock)];
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 40));
      t += 10;
    }
    await Promise.all(runners.map((r) => r.stop()));
    expect(runs.length).toBeGreaterThan(2);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it("a failing run is logged with the job's name and does not throw", async () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    setLogLevel("info");
    await runOnce({ name: "broken", schedule: { cron: "0 9 * * *" }, run: async () => Promise.reject(new Error("db down")) }, ctx, new Date());
    expect(lines.some((l) => l.includes('"job failed"') && l.includes('"broken"'))).toBe(true);
  });
});
