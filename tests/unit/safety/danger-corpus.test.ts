import { describe, it, expect } from "vitest";
import { evaluateCorpus, loadCorpus } from "../../../scripts/eval-danger.js";

// A quality gate on the labelled corpus (tests/fixtures/danger-corpus*.jsonl), not a speed test.
// The floors sit just under what `npm run eval:danger` measures (README, "The danger detector"):
// a change that loses recall fails here. The held-out part is never tuned against.
describe("danger detector on the labelled corpus", () => {
  const result = evaluateCorpus();

  it("misses little (recall ≥ 0.95 overall, ≥ 0.90 on the held-out part)", () => {
    expect(result.falseNegatives).toEqual(expect.any(Array));
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.holdout.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("rarely raises a false alarm (precision ≥ 0.95 overall and held out)", () => {
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.holdout.precision).toBeGreaterThanOrEqual(0.95);
  });

  it("is a corpus worth trusting: over 1,500 lines, balanced, a third or more typed without diacritics, a held-out split", () => {
    const lines = loadCorpus();
    expect(result.lines).toBeGreaterThan(1500);
    expect(result.danger / result.lines).toBeGreaterThan(0.4);
    expect(result.danger / result.lines).toBeLessThan(0.6);
    expect(result.withoutDiacritics * 3).toBeGreaterThanOrEqual(result.lines);
    const holdout = lines.filter((l) => l.split === "holdout").length;
    expect(holdout / lines.length).toBeGreaterThan(0.25);
    expect(new Set(lines.map((l) => l.text)).size).toBe(lines.length);
    for (const l of lines) if (l.danger) expect(l.category).toEqual(expect.any(String));
  });
});
