import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../../src/areas/index.js";
import { addressesInCommune, loadTrustedAddresses, nearestAddresses, parseTrustedAddresses } from "../../../src/addresses/trusted-addresses.js";

const FIX = resolve(import.meta.dirname, "../../fixtures/content");
const areas = loadAreas(`${FIX}/good`);
const read = (f: string) => readFileSync(`${FIX}/${f}`, "utf8");

describe("trusted addresses importer", () => {
  it("parses a good file: every row, with line numbers and sample flags", () => {
    const { rows, errors, isSample } = parseTrustedAddresses(read("trusted-good.csv"), areas);
    expect(errors).toEqual([]);
    expect(isSample).toBe(false);
    expect(rows.map((r) => [r.id, r.line, r.isSample])).toEqual([
      ["a-center", 2, false], ["b-1km", 3, false], ["c-5km", 4, false], ["d-20km", 6, false], ["e-sample", 7, true],
    ]);
    expect(rows[0]).toMatchObject({ name: { vi: "Hội LHPN xã Hòa Sơn, điểm A" }, village: "Bản Một", phone: null, hours: { en: "Office hours" } });
    expect(rows[4]).toMatchObject({ phone: "0000 000 009", dial: "0000000009" });
  });

  it("reports each bad row with its line and field, and drops none silently", () => {
    const { rows, errors, isSample } = parseTrustedAddresses(read("trusted-bad.csv"), areas);
    expect(isSample).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(["ok-row"]);
    const got = errors.map((e) => `${e.line}:${e.field}`);
    expect(got).toEqual(
      expect.arrayContaining([
        "4:lat", "4:lng", // Paris
        "5:commune_code", // unknown commune
        "6:name_vi", // missing name
        "7:phone", // not digits
        "9:phone", // sample row with a number that is not a 0000 placeholder
        "10:kind", // a shelter is never a kind
        "11:commune_code", // commune of another province
        "12:sample", // "real" row inside a SAMPLE file
        "13:(row)", // too few fields
      ]),
    );
    // Every data line (3–13 except the comment on line 8) is either a row or an error.
    const reported = new Set([...rows.map((r) => r.line), ...errors.map((e) => e.line)]);
    expect([...reported].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 9, 10, 11, 12, 13]);
    expect(errors.find((e) => e.line === 4 && e.field === "lat")?.problem).toMatch(/outside Vietnam/);
  });

  it("reports a broken header and broken CSV instead of throwing", () => {
    expect(parseTrustedAddresses("id,name\n1,x\n", areas).errors).toEqual([expect.objectContaining({ line: 1, field: "(header)" })]);
    expect(parseTrustedAddresses('id,"unclosed\n', areas).errors[0]?.field).toBe("(file)");
    expect(parseTrustedAddresses("", areas).errors[0]?.problem).toMatch(/header/);
  });

  it("the real file is sample data, loads cleanly and uses only placeholder phones", () => {
    const rows = loadTrustedAddresses();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.isSample).toBe(true);
      expect(r.dial === null || r.dial.startsWith("0000")).toBe(true);
    }
    expect(readFileSync(resolve(import.meta.dirname, "../../../content/trusted-addresses.csv"), "utf8").split("\n")[0]).toBe(
      "# SAMPLE DATA — not real addresses; replace with Union-verified entries",
    );
  });

  it("nearest three by distance, nearest first, with distance in km", () => {
    const { rows } = parseTrustedAddresses(read("trusted-good.csv"), areas);
    const near = nearestAddresses(21.0, 105.0, 3, rows);
    expect(near.map((r) => r.id)).toEqual(["a-center", "b-1km", "e-sample"]);
    expect(near[0]!.distanceKm).toBeCloseTo(0, 5);
    expect(near[1]!.distanceKm).toBeCloseTo(1.0, 1);
    expect(near[2]!.isSample).toBe(true);
    expect(nearestAddresses(21.0, 105.0, 10, rows).map((r) => r.id).at(-1)).toBe("d-20km");
    expect(nearestAddresses(Number.NaN, 105, 3, rows)).toEqual([]);
    expect(addressesInCommune("03295", rows).map((r) => r.id)).toEqual(["a-center", "b-1km"]);
  });
});
