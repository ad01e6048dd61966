import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  ABBREVIATIONS,
  collapseRepeats,
  expandAbbreviations,
  foldDiacritics,
  isWellFormedSyllable,
  normalizeText,
  tokenize,
} from "../../../src/safety/normalize.js";

// Every Vietnamese letter, lower and upper case: the vowels with each of the six tones, and the consonants.
const TONE_MARKS = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
const VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
const VIET_LETTERS = [
  ...VOWELS.flatMap((v) => TONE_MARKS.map((t) => (v + t).normalize("NFC"))),
  ..."bcdđghklmnpqrstvx",
].flatMap((l) => [l, l.toUpperCase()]);

// Any single UTF-16 unit (lone surrogates included), any code point, Vietnamese letters, chat fragments.
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.constantFrom(...VIET_LETTERS, " ", "  ", "\u200b", "\u0301", "!!!", "ck", "e", "tq", "jup", "uuuu", "ooong"),
);
const messy = fc.string({ unit: anyUnit, maxLength: 80 });

describe("foldDiacritics", () => {
  it.each([
    ["Cứu Tôi", "cuu toi"],
    ["ĐÁNH", "danh"],
    ["đánh đập", "danh dap"],
    ["Nguyễn Thị Hường", "nguyen thi huong"],
    ["Tỏa Tình, Nậm Xe", "toa tinh, nam xe"],
    ["vỡ ối", "vo oi"],
    ["𝐜𝐮𝐮 𝐞𝐦", "cuu em"],
    ["ｃｕｕ", "cuu"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(foldDiacritics(input)).toBe(expected);
  });

  it("turns every Vietnamese letter into ASCII", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...VIET_LETTERS, " ") }), (s) => {
        expect(foldDiacritics(s)).toMatch(/^[\x20-\x7e]*$/);
      }),
    );
  });
});

describe("collapseRepeats", () => {
  it.each([
    ["cuuuu", "cuu"], // "cứu" has a real double u: drawn-out must land on it
    ["cuu", "cuu"],
    ["emmmm", "em"],
    ["giupp", "giup"],
    ["toooi", "toi"],
    ["xoong", "xoong"], // a real double o before ng
    ["xooong", "xoong"],
    ["khooong", "khoong"],
    ["111", "111"], // hotline numbers keep their digits
    ["113", "113"],
  ])("%j → %j", (input, expected) => {
    expect(collapseRepeats(input)).toBe(expected);
  });
});

describe("expandAbbreviations", () => {
  it.each([
    [["ck", "danh", "e"], ["chong", "danh", "em"]],
    [["ko", "ve", "dc"], ["khong", "ve", "duoc"]],
    [["bi", "lua", "sang", "tq"], ["bi", "lua", "sang", "trung", "quoc"]],
    [["bi", "ep", "qh"], ["bi", "ep", "quan", "he"]],
    [["jup", "e"], ["giup", "em"]],
    [["gjup", "mk"], ["giup", "minh"]],
    [["bj", "danh"], ["bi", "danh"]],
    [["k", "mun", "song", "nx"], ["khong", "muon", "song", "nua"]],
  ])("%j → %j", (input, expected) => {
    expect(expandAbbreviations(input)).toEqual(expected);
  });

  it("never expands into another abbreviation (expanding twice changes nothing)", () => {
    for (const value of Object.values(ABBREVIATIONS)) {
      for (const word of value.split(" ")) expect(ABBREVIATIONS[word]).toBeUndefined();
    }
  });
});

describe("normalizeText", () => {
  it.each([
    ["CK ĐÁNH E!!!", ["chong", "danh", "em"], "chongdanhem"],
    ["cứuuuu tôiiii", ["cuu", "toi"], "cuutoi"],
    ["chongdanhem", ["chongdanhem"], "chongdanhem"],
    ["k về đc", ["khong", "ve", "duoc"], "khongveduoc"],
    ["e bj lừa sang TQ", ["em", "bi", "lua", "sang", "trung", "quoc"], "embiluasangtrungquoc"],
    ["c\u200bứ\u200bu em", ["cuu", "em"], "cuuem"],
    ["gọi 113 ngay", ["goi", "113", "ngay"], "goi113ngay"],
    ["😀 ... !!!", [], ""],
    ["", [], ""],
  ])("%j → %j", (input, words, compact) => {
    expect(normalizeText(input)).toEqual({ words, compact });
  });

  it("keeps how a word was typed, for the accent check", () => {
    const [a, b, c] = tokenize("Bị bán ck");
    expect(a).toMatchObject({ word: "bi", accent: "bị", expanded: false });
    expect(b).toMatchObject({ word: "ban", accent: "bán" });
    expect(c).toMatchObject({ word: "chong", accent: null, expanded: true });
  });

  it("is idempotent on its output words", () => {
    fc.assert(
      fc.property(messy, (s) => {
        const { words } = normalizeText(s);
        expect(normalizeText(words.join(" ")).words).toEqual(words);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws, and yields ASCII words, on arbitrary unicode", () => {
    fc.assert(
      fc.property(messy, (s) => {
        const { words, compact } = normalizeText(s);
        for (const w of words) expect(w).toMatch(/^[a-z0-9]+$/);
        expect(compact).toBe(words.join(""));
      }),
      { numRuns: 500 },
    );
  });

  it("copes with very long strings and lone surrogates", () => {
    const long = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 0x10000)).join("");
    expect(() => normalizeText(long)).not.toThrow();
    expect(normalizeText("\ud800cứu\udfff em\ud83d").words).toEqual(["cuu", "em"]);
    expect(normalizeText("u".repeat(100_000)).words).toEqual(["uu"]);
  });
});

describe("isWellFormedSyllable", () => {
  it.each(["chong", "danh", "dang", "toi", "cuu", "nghieng", "khuyen", "giup", "xoong", "nguoi", "quoc", "em", "a"])(
    "%j is a syllable",
    (w) => expect(isWellFormedSyllable(w)).toBe(true),
  );
  it.each(["dahn", "tio", "dnah", "chongdanhem", "cuutoi", "jup", "ck", "help", "hiepdam", "chog"])(
    "%j is a typo or words run together",
    (w) => expect(isWellFormedSyllable(w)).toBe(false),
  );
});
