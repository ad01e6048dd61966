// The campaign rate in the database holds across instances: several dispatchers reserving on
// one account at once never get more than the rate allows (one second's worth to start, then
// the rate times the time elapsed, never more than 1.5 s banked), and unused tokens come back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbRateBuckets } from "../../../src/broadcasts/rate-db.js";
import { openTestDatabase, type TestDb } from "../../support/db.js";

let database: TestDb;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("database token bucket", () => {
  it("four instances at once share one account's rate", async () => {
    const t0 = Date.parse("2026-11-01T01:00:00Z");
    const instances = Array.from({ length: 4 }, () => new DbRateBuckets(database.db));
    let granted = 0;
    // 20 ticks of 100 ms; each instance asks for the whole cap every tick.
    for (let tick = 0; tick <= 20; tick++) {
      const now = new Date(t0 + tick * 100);
      const got = await Promise.all(instances.map((b) => b.reserve("zalo-1", 100, 150, now)));
      granted += got.reduce((a, b) => a + b, 0);
    }
    // 2 s at 100/s after the first second's worth: at most 100 + 200.
    expect(granted).toBeLessThanOrEqual(300);
    expect(granted).toBeGreaterThanOrEqual(250);
  });

  it("gives back what was not sent, and never banks more than 1.5 s", async () => {
    const b = new DbRateBuckets(database.db);
    const t0 = Date.parse("2026-11-02T01:00:00Z");
    expect(await b.reserve("messenger-1", 200, 1000, new Date(t0))).toBe(200);
    await b.giveBack("messenger-1", 50);
    expect(await b.reserve("messenger-1", 200, 1000, new Date(t0))).toBe(50);
    // An hour later (quiet hours): 1.5 s worth, not an hour's.
    expect(await b.reserve("messenger-1", 200, 1000, new Date(t0 + 3_600_000))).toBe(300);
    // Other accounts are their own buckets.
    expect(await b.reserve("messenger-2", 200, 10, new Date(t0))).toBe(10);
  });
});
