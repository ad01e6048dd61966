import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENTRIES } from "../../../src/flows/report/shorthand-lexicon.js";
import { parseShorthand, printShorthand, REQUIRED_FIELDS, type ShorthandContext, type ShorthandResult } from "../../../src/flows/report/shorthand.js";
import { CASE_KINDS, EQUIPMENT_CODES, FORMAT_CODES, LANGUAGE_CODES, MATERIAL_CODES, REFERRAL_PLACES, TOPIC_CODES, type SessionReport } from "../../../src/flows/report/types.js";

// Names chosen to collide with the lexicon: "Nam" (men), "Dào" (the Dao language), "Bản" (a
// filler), "So" (in "so nguoi"), a number in a name, one-letter-apart names.
const VILLAGES = ["Nậm Xe", "Nà Sáy", "Huổi Luông", "Sì Lở Lầu", "Bản Lang", "Nam Cang", "Dào San", "Mường So", "Thôn 3", "Pa Vây Sử", "Tả Lèng", "Bản Bo"];

const isoDay = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const SAFE = [..."abcdeghiklmnopqrstuvxyăâđêôơưàáảãạềếểễệốờửữự ABCĐHMNT0123456789,.-"];
const note = fc
  .string({ unit: fc.constantFrom(...SAFE), minLength: 1, maxLength: 80 })
  .map((s) => s.trim())
  .filter((s) => s !== "");
const count = fc.nat({ max: 5000 });

const report: fc.Arbitrary<SessionReport> = fc.record({
  date: isoDay("2020-01-01", "2035-12-31"),
  village: fc.constantFrom(...VILLAGES),
  topics: fc.uniqueArray(fc.constantFrom(...TOPIC_CODES), { minLength: 1, maxLength: 5 }),
  format: fc.constantFrom(...FORMAT_CODES),
  participants: fc.record({ total: count, women: count, men: count, ethnicMinority: count, childrenUnder16: count }),
  languages: fc.uniqueArray(fc.constantFrom(...LANGUAGE_CODES), { minLength: 1, maxLength: 5 }),
  materials: fc.option(count, { nil: null }),
  referred: count,
  menPioneers: fc.constantFrom(true, null),
  equipment: fc.uniqueArray(fc.constantFrom(...EQUIPMENT_CODES), { maxLength: 3 }),
  materialKinds: fc.uniqueArray(fc.constantFrom(...MATERIAL_CODES), { maxLength: 5 }),
  // Zero counts are not kept (a kind with 0 cases is simply absent).
  casesDetected: fc.option(fc.dictionary(fc.constantFrom(...CASE_KINDS), fc.integer({ min: 1, max: 50 })), { nil: null }),
  referredTo: fc.option(fc.dictionary(fc.constantFrom(...REFERRAL_PLACES), fc.integer({ min: 1, max: 50 })), { nil: null }),
  photos: fc.constant([]),
  notes: fc.option(note, { nil: null }),
});

const ctx: fc.Arbitrary<ShorthandContext> = fc.record({ today: isoDay("2021-01-01", "2034-12-31"), villages: fc.constant(VILLAGES) });

// Any UTF-16 sequence, lone surrogates included: a broken client may send them.
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((c) => String.fromCharCode(...c));
const separators = fc.string({ unit: fc.constantFrom(" ", ",", ";", ".", "-", "/", ":", "\n", "\t", "?", "'"), maxLength: 200 });
// Lexicon words, numbers, dates and separators in any order: close to real lines, so the deep paths run.
const lexWord = fc.constantFrom(...ENTRIES.map((e) => e.words.join(" ")), "gc:", "ghi chú", "Nậm", "xe", "-", "12/6", "31/2", "0", "99999999");
const soup = fc
  .array(fc.oneof(lexWord, fc.nat({ max: 20000 }).map(String), separators, fc.string({ maxLength: 5 })), { maxLength: 60 })
  .map((parts) => parts.join(" "));
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  anyUtf16,
  separators,
  soup,
  fc.string({ unit: "binary-ascii", minLength: 3000, maxLength: 6000 }),
);
const maybeBC = fc.tuple(fc.constantFrom("", "BC ", "bc", "Báo cáo ", "BC?", "BC\n"), anyText).map(([a, b]) => a + b);

function checkShape(r: ShorthandResult): void {
  expect(["help", "not_shorthand", "parsed"]).toContain(r.kind);
  if (r.kind !== "parsed") return;
  for (const f of REQUIRED_FIELDS) {
    const places = [r.report[f] !== undefined, r.missing.includes(f), r.problems.some((p) => p.field === f)];
    expect(places.filter(Boolean), f).toHaveLength(1);
  }
  const p = r.report.participants;
  for (const n of p ? Object.values(p) : []) expect(n >= 0 && n <= 10000).toBe(true);
  for (const u of r.unknown) expect(u.trim()).not.toBe("");
}

describe("shorthand properties", () => {
  it("reads back what it prints, with nothing missing, wrong or left over", () => {
    fc.assert(
      fc.property(report, ctx, (r, c) => {
        const line = printShorthand(r);
        expect(line.startsWith("BC ")).toBe(true);
        expect(line.includes("\n")).toBe(false);
        const parsed = parseShorthand(line, c);
        expect(parsed).toEqual({ kind: "parsed", report: r, missing: [], problems: [], unknown: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on any text and keeps every required field in exactly one place", () => {
    fc.assert(
      fc.property(maybeBC, ctx, (text, c) => {
        checkShape(parseShorthand(text, c));
      }),
      { numRuns: 1000 },
    );
  });

  it("is deterministic: the same text and context give the same result, whatever ran before", () => {
    fc.assert(
      fc.property(maybeBC, maybeBC, ctx, (text, other, c) => {
        const first = parseShorthand(text, c);
        parseShorthand(other, c);
        expect(parseShorthand(text, c)).toEqual(first);
        expect(parseShorthand(text, { ...c, villages: [...c.villages] })).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});
