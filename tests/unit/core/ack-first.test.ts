// AckFirst: workers step aside while webhooks are being acknowledged, but never stop.
// These check order and bounds, not speed: every wait is either released by an event the
// test causes or bounded by maxWaitMs.
import { describe, expect, it } from "vitest";
import { AckFirst } from "../../../src/core/ack-first.js";

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("AckFirst", () => {
  it("lets a step run at once when no webhook is waiting", async () => {
    const acks = new AckFirst({ maxWaitMs: 60_000 });
    const gate = acks.gate(4);
    expect(await gate.step(async () => "ran")).toBe("ran");
  });

  it("holds a step while a webhook is in flight and lets it go once it has answered", async () => {
    const acks = new AckFirst({ maxWaitMs: 60_000, quietGapMs: 1 });
    const gate = acks.gate(4);
    const end = acks.begin();
    let ran = false;
    const step = gate.step(async () => {
      ran = true;
    });
    await tick(30);
    expect(ran).toBe(false);
    end();
    end(); // idempotent: a response emits both "finish" and "close"
    await step;
    expect(ran).toBe(true);
    expect(acks.busy).toBe(false);
  });

  it("never waits longer than maxWaitMs: a burst slows work down, it does not stop it", async () => {
    const acks = new AckFirst({ maxWaitMs: 5 });
    const gate = acks.gate(4);
    acks.begin(); // never answers
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => gate.step(async () => void order.push(n))));
    expect(order.sort()).toEqual([1, 2, 3]);
  });

  it("runs one step at a time while busy, up to the quiet limit when quiet", async () => {
    const acks = new AckFirst({ maxWaitMs: 1 });
    const gate = acks.gate(3);
    let running = 0;
    let peak = 0;
    const work = async () => {
      running++;
      peak = Math.max(peak, running);
      await tick(5);
      running--;
    };
    const end = acks.begin();
    await Promise.all(Array.from({ length: 6 }, () => gate.step(work)));
    expect(peak).toBe(1);
    end();
    await tick(10);
    peak = 0;
    await Promise.all(Array.from({ length: 6 }, () => gate.step(work)));
    expect(peak).toBe(3);
  });

  it("a step that throws frees its slot", async () => {
    const acks = new AckFirst();
    const gate = acks.gate(1);
    await expect(gate.step(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.step(async () => 1)).toBe(1);
  });
});
