import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { damerauLevenshtein, findCommune, listCommunes, listProvinces, listVillages, loadAreas } from "../../../src/areas/index.js";

const FIX = resolve(import.meta.dirname, "../../fixtures/content");
const fixture = loadAreas(`${FIX}/good`);

describe("area directory (real content)", () => {
  it("finds the new commune with and without diacritics", () => {
    for (const q of ["Quài Tở", "quai to", "QUAI TO", "xã Quài Tở", "Quaito"]) {
      expect(findCommune(q), q).toMatchObject({ commune: { code: "dien-bien/quai-to" }, via: "name", typo: false });
    }
  });

  it("an old commune returns the commune it was merged into (project8.md §4.2)", () => {
    const m = findCommune("xã Tỏa Tình");
    expect(m).toMatchObject({ commune: { code: "dien-bien/quai-to", name: "Quài Tở" }, via: "old_commune", mergedFrom: "Tỏa Tình" });
    expect(findCommune("tenh phong")).toMatchObject({ commune: { code: "dien-bien/quai-to" }, mergedFrom: "Tênh Phông" });
    expect(findCommune("xã Tênh Phông huyện Tuần Giáo tỉnh Điện Biên")).toMatchObject({ via: "old_commune", mergedFrom: "Tênh Phông" });
  });

  it("an old district name returns a commune that was in it", () => {
    expect(findCommune("huyện Tuần Giáo")).toMatchObject({ commune: { code: "dien-bien/quai-to" }, via: "old_district" });
    // Without "huyện", the new commune that kept the name wins.
    expect(findCommune("Tuần Giáo")).toMatchObject({ commune: { code: "dien-bien/tuan-giao" }, via: "name" });
  });

  it("forgives one typo in names of 4+ letters", () => {
    expect(findCommune("quia to")).toMatchObject({ commune: { code: "dien-bien/quai-to" }, typo: true }); // swapped letters
    expect(findCommune("Toa Tin")).toMatchObject({ via: "old_commune", mergedFrom: "Tỏa Tình", typo: true }); // one letter missing
    expect(findCommune("Tao Tinhh")).toBeNull(); // two edits
  });

  it("hides UNCONFIRMED (sample) Lai Châu drafts unless asked", () => {
    expect(findCommune("Bản Lang")).toBeNull();
    expect(findCommune("Bản Lang", { includeSample: true })).toMatchObject({ commune: { code: "lai-chau/khong-lao", sample: true }, mergedFrom: "Bản Lang" });
    expect(listCommunes("lai-chau")).toEqual([]);
    expect(listCommunes("lai-chau", { includeSample: true }).length).toBeGreaterThan(0);
    expect(listProvinces().map((p) => p.code)).toEqual(["dien-bien", "lai-chau", "son-la"]);
  });

  it("never guesses villages: none are listed in the real directory", () => {
    expect(listVillages("dien-bien/quai-to")).toEqual([]);
  });
});

describe("area directory (fixture)", () => {
  const opts = { areas: fixture };

  it("matches an alias", () => {
    expect(findCommune("hoa son moi", opts)).toMatchObject({ commune: { code: "tinh-a/hoa-son" }, via: "alias" });
  });

  it("an old district lists the other confirmed communes it covered", () => {
    const m = findCommune("huyen Doi Xanh", opts)!;
    expect(m.via).toBe("old_district");
    expect([m.commune.code, ...m.others.map((c) => c.code)].sort()).toEqual(["tinh-a/hoa-son", "tinh-a/long-pha"]);
  });

  it("same name in two provinces: both reachable, provinceCode narrows", () => {
    const m = findCommune("Hòa Sơn", opts)!;
    expect([m.commune.code, ...m.others.map((c) => c.code)].sort()).toEqual(["tinh-a/hoa-son", "tinh-b/hoa-son"]);
    expect(findCommune("Hòa Sơn", { ...opts, provinceCode: "tinh-b" })?.commune.code).toBe("tinh-b/hoa-son");
  });

  it("an old commune merged under a different name says so; one with the same name does not", () => {
    expect(findCommune("Suối Đá, Đồi Xanh", opts)).toMatchObject({ via: "old_commune", mergedFrom: "Suối Đá" });
    expect(findCommune("Pá Hu", opts)).toMatchObject({ commune: { code: "tinh-a/long-pha" }, mergedFrom: "Pá Hu" });
    expect(findCommune("Long Phả", opts)?.mergedFrom).toBeUndefined();
  });

  it("lists villages, hiding sample ones by default", () => {
    expect(listVillages("tinh-a/hoa-son", opts).map((v) => v.name)).toEqual(["Bản Một"]);
    expect(listVillages("tinh-a/hoa-son", { ...opts, includeSample: true })).toHaveLength(2);
    expect(listVillages("no/such", opts)).toEqual([]);
  });

  it("short or empty queries never fuzzy-match", () => {
    expect(findCommune("", opts)).toBeNull();
    expect(findCommune("ho", opts)).toBeNull();
  });

  it("Damerau-Levenshtein distance", () => {
    expect(damerauLevenshtein("quaito", "quaito")).toBe(0);
    expect(damerauLevenshtein("quaito", "quiato")).toBe(1);
    expect(damerauLevenshtein("quaito", "quaitoo")).toBe(1);
    expect(damerauLevenshtein("abc", "")).toBe(3);
    expect(damerauLevenshtein("ca", "abc")).toBe(3);
  });
});
