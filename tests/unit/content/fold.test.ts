import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compact, fold } from "../../../src/content/fold.js";

// Any UTF-16 sequence, including lone surrogates a broken client might send.
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff })).map((codes) => String.fromCharCode(...codes));

describe("fold", () => {
  it("strips tones, đ and case", () => {
    expect(fold("Tảo Hôn")).toBe("tao hon");
    expect(fold("ĐIỆN BIÊN")).toBe("dien bien");
    expect(fold("  Quài-Tở,  Tuần Giáo!! ")).toBe("quai to tuan giao");
    expect(compact("Quài Tở")).toBe("quaito");
  });

  it("never throws, is idempotent, and leaves no marks or upper case", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), anyUtf16), (s) => {
        const f = fold(s);
        expect(fold(f)).toBe(f);
        expect(/\p{M}/u.test(f)).toBe(false);
        expect(f).toBe(f.trim());
        expect(f.includes("  ")).toBe(false);
        expect(compact(s).includes(" ")).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
