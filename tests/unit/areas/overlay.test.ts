// content/areas.yaml only adds to the official map; a wrong code or name stops the load with the fix.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDirectory, findCommune, listVillages, loadAreas, officialMap, type AreasFile } from "../../../src/areas/index.js";
import { AreasFileSchema } from "../../../src/areas/schema.js";

const SRC = [{ doc: "project8.md §4.2", seed: "seed 001" }];
const overlay = (provinces: unknown[]): AreasFile => AreasFileSchema.parse({ provinces });
const problems = (o: AreasFile) => {
  try {
    buildDirectory(officialMap(), o);
    return [];
  } catch (e) {
    return (e as { issues: { id: string; field: string; problem: string }[] }).issues.map((i) => `${i.id} ${i.field}: ${i.problem}`);
  }
};

describe("area overlay", () => {
  it("names the official name when a code and a name disagree, and unknown codes", () => {
    expect(problems(overlay([{ code: "11", name: "Lai Châu", source: SRC }]))).toEqual(['11 name: the official name of 11 is "Điện Biên"']);
    expect(problems(overlay([{ code: "99", name: "X", source: SRC }]))).toEqual(["99 code: no province has this code in the official 2025 map"]);
    expect(problems(overlay([{ code: "11", name: "Điện Biên", source: SRC, communes: [{ code: "03549", name: "Phong Thổ", source: SRC }] }]))).toEqual([
      "03549 code: no commune of Điện Biên has this code in the official 2025 map",
    ]);
    expect(problems(overlay([{ code: "11", name: "Điện Biên", source: SRC, project8: { old_districts: ["Phong Thổ"] } }]))).toEqual([
      '11 project8.old_districts: no commune of Điện Biên was in a district "Phong Thổ"',
    ]);
    expect(problems(overlay([{ code: "11", name: "Điện Biên", source: SRC, communes: [{ code: "03295", name: "Quài Tở", source: SRC, aliases: [{ name: "X", old_commune: "Bản Lang" }] }] }]))).toEqual([
      '03295 aliases: "Bản Lang" is not an old commune of Quài Tở',
    ]);
  });

  it("the schema refuses hand-typed slugs and entries without a source", () => {
    expect(AreasFileSchema.safeParse({ provinces: [{ code: "dien-bien", name: "Điện Biên", source: SRC }] }).success).toBe(false);
    expect(AreasFileSchema.safeParse({ provinces: [{ code: "11", name: "Điện Biên", source: [] }] }).success).toBe(false);
  });

  it("villages and aliases from the overlay; sample villages hidden unless asked", () => {
    const areas = loadAreas(resolve(import.meta.dirname, "../../fixtures/content/good"));
    expect(listVillages("03295", { areas }).map((v) => v.name)).toEqual(["Bản Một"]);
    expect(listVillages("03295", { areas, includeSample: true })).toHaveLength(2);
    expect(findCommune("quai to moi", { areas })).toMatchObject({ commune: { code: "03295" }, via: "alias" });
  });
});
