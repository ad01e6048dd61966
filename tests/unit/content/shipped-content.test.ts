// Safety checks on what actually ships (docs/reference/project8.md §2, §5, §7): run on the real content/ dir.
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../../src/areas/index.js";
import { shippedHotlines } from "../../../src/content/hotlines.js";
import { loadTopics } from "../../../src/content/topics.js";

const CONTENT = resolve(import.meta.dirname, "../../../content");

describe("shipped content", () => {
  it("every phone-like number in topic text is a shipped hotline", () => {
    const dials = new Set(shippedHotlines().map((h) => h.dial));
    for (const t of loadTopics()) {
      for (const m of t.messages) {
        for (const text of [m.text.vi, m.text.en ?? ""]) {
          const numbers = [...text.matchAll(/(?<![\d/.])(1\d{2}|0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}|1[89]00[ .]?\d{3,4}[ .]?\d{0,3})(?![\d/])/g)].map((x) => x[0].replace(/\D/g, ""));
          for (const n of numbers) expect(dials.has(n), `${t.id}: ${n}`).toBe(true);
        }
      }
    }
  });

  it("no UNCONFIRMED item and no unshipped number appears in shipped text", () => {
    const texts = [
      ...loadTopics().flatMap((t) => [t.title.vi, t.title.en ?? "", ...t.messages.flatMap((m) => [m.text.vi, m.text.en ?? ""])]),
      ...shippedHotlines().flatMap((h) => [h.name.vi, h.name.en, h.purpose.vi, h.purpose.en]),
    ].join("\n");
    expect(texts).not.toMatch(/UNCONFIRMED|CHƯA XÁC NHẬN/i);
    for (const unshipped of ["1900 969 680", "1900969680", "1800 1567", "112", "069", "Thụy Khuê", "Phòng LĐ-TB&XH", "Lao động – Thương binh"]) {
      expect(texts.includes(unshipped), unshipped).toBe(false);
    }
  });

  it("no ethnic-language text ships: only vi/en in topics and hotlines", () => {
    for (const t of loadTopics()) expect(Object.keys(t.translations)).toEqual([]);
    for (const h of shippedHotlines()) expect(Object.keys(h.translations)).toEqual([]);
  });

  it("every topic file cites project8.md", () => {
    for (const f of readdirSync(`${CONTENT}/topics`)) expect(readFileSync(`${CONTENT}/topics/${f}`, "utf8")).toMatch(/doc: project8\.md §/);
  });

  it("areas: the official map with the seed plans' Project 8 areas; no village guessed", () => {
    const areas = loadAreas();
    expect(areas.communesByCode.size).toBe(3321);
    const p8 = (code: string) => areas.provincesByCode.get(code)!.communes.filter((c) => c.project8).map((c) => c.name).sort((a, b) => a.localeCompare(b, "vi"));
    // Seed 001: old Tuần Giáo district; seed 000: old Phong Thổ district; seed 002: all of Sơn La.
    expect(p8("11")).toEqual(["Búng Lao", "Chiềng Sinh", "Mường Mùn", "Pú Nhung", "Quài Tở", "Sáng Nhè", "Tủa Chùa", "Tuần Giáo"]);
    expect(p8("12")).toEqual(["Dào San", "Đoàn Kết", "Khổng Lào", "Phong Thổ", "Sì Lở Lầu", "Sin Suối Hồ"]);
    expect(p8("14")).toHaveLength(75);
    expect([...areas.communesByCode.values()].every((c) => c.villages.length === 0)).toBe(true);
  });
});
