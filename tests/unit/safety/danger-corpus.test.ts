import { describe, it, expect } from "vitest";
import { evaluateCorpus, loadCorpus } from "../../../scripts/eval-danger.js";

// A quality gate on the labelled corpus (tests/fixtures/danger-corpus.jsonl), not a speed test.
describe("danger detector on the labelled corpus", () => {
  const result = evaluateCorpus();

  it("misses almost nothing (recall ≥ 0.98)", () => {
    expect(result.falseNegatives).toEqual(expect.any(Array));
    expect(result.recall).toBeGreaterThanOrEqual(0.98);
  });

  it("rarely raises a false alarm (precision ≥ 0.90)", () => {
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("is a corpus worth trusting: big, balanced, mostly without diacritics, with a holdout split", () => {
    const lines = loadCorpus();
    expect(result.lines).toBeGreaterThanOrEqual(400);
    expect(result.danger / result.lines).toBeGreaterThan(0.4);
    expect(result.danger / result.lines).toBeLessThan(0.6);
    expect(result.withoutDiacritics * 2).toBeGreaterThanOrEqual(result.lines);
    const holdout = lines.filter((l) => l.split === "holdout").length;
    expect(holdout / lines.length).toBeGreaterThan(0.25);
    expect(new Set(lines.map((l) => l.text)).size).toBe(lines.length);
    for (const l of lines) if (l.danger) expect(l.category).toEqual(expect.any(String));
  });
});
