// Every phrase template expands into all its combinations when the server starts: one slot too
// many multiplies them (a draft of the "missing person" group once compiled to 135,000 phrases,
// 2 s and 270 MB at start, enough to exhaust a small server's heap). A count, not a timing.
import { describe, expect, it } from "vitest";
import { compilePhrases } from "../../../src/safety/compile.js";
import { PHRASE_GROUPS } from "../../../src/safety/phrases.js";

describe("the danger phrase table", () => {
  it("compiles to fewer than 15,000 phrases, none of its groups over 5,000", () => {
    expect(compilePhrases(PHRASE_GROUPS).length).toBeLessThan(15_000);
    for (const g of PHRASE_GROUPS) expect(compilePhrases([g]).length, `${g.category} ${g.severity}`).toBeLessThan(5_000);
  });
});
