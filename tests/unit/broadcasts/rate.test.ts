// The campaign token bucket: tokens accrue with the time between ticks (a late tick sends
// more, so the run keeps its rate), never more than 1.5 seconds' worth, shared per channel.
import { describe, expect, it } from "vitest";
import { RateBuckets } from "../../../src/broadcasts/rate.js";

const at = (ms: number) => new Date(1_800_000_000_000 + ms);

describe("RateBuckets", () => {
  it("starts with a second's worth and refills with elapsed time", () => {
    const b = new RateBuckets();
    expect(b.available("zalo", 100, at(0))).toBe(100);
    b.take("zalo", 100);
    expect(b.available("zalo", 100, at(500))).toBe(50);
    b.take("zalo", 50);
    // A tick that comes 1.1 s after the last one (it took long) gets 1.1 s of tokens.
    expect(b.available("zalo", 100, at(1_600))).toBe(110);
  });

  it("over many uneven ticks the calls made match the rate", () => {
    const b = new RateBuckets();
    let made = 0;
    let t = 0;
    b.take("m", b.available("m", 50, at(0)));
    for (let i = 0; i < 100; i++) {
      t += 1_000 + (i % 3) * 150; // ticks of 1.0–1.3 s
      const n = b.available("m", 50, at(t));
      b.take("m", n);
      made += n;
    }
    expect(made / (t / 1000)).toBeGreaterThan(49);
    expect(made / (t / 1000)).toBeLessThanOrEqual(50);
  });

  it("channels have their own buckets; a wait never turns into a burst", () => {
    const b = new RateBuckets();
    expect(b.available("a", 10, at(0))).toBe(10);
    b.take("a", 10);
    expect(b.available("b", 20, at(0))).toBe(20);
    expect(b.available("a", 10, at(3_600_000))).toBe(15);
  });
});
