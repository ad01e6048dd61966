import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { emergencyHotlines, hotlineText, loadAllHotlines, loadHotlines, shippedHotlines } from "../../../src/content/hotlines.js";
import { ContentError } from "../../../src/content/schema.js";

const FIX = resolve(import.meta.dirname, "../../fixtures/content");

function issuesOf(fn: () => unknown): ContentError["issues"] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return (e as ContentError).issues;
  }
  throw new Error("expected a ContentError");
}

describe("hotline loader", () => {
  it("loads the real content: 111, 113, 114, 115 ship; unconfirmed lines do not", () => {
    expect(shippedHotlines().map((h) => h.id)).toEqual(["111", "113", "114", "115"]);
    const all = loadAllHotlines().map((h) => h.id);
    expect(all).toEqual(expect.arrayContaining(["112", "cwd-1900969680", "old-1800-1567"]));
    expect(shippedHotlines().some((h) => h.dial === "1900969680" || h.dial === "18001567")).toBe(false);
  });

  it("never claims free or hours for 113/114/115 (UNCONFIRMED in project8.md §2)", () => {
    for (const id of ["113", "114", "115"]) {
      const h = shippedHotlines().find((x) => x.id === id)!;
      expect(h.free).toBeNull();
      expect(h.hours).toBeNull();
    }
    const h111 = shippedHotlines().find((x) => x.id === "111")!;
    expect(h111.free).toBe(true);
    expect(h111.recorded?.text.vi).toContain("162/2025/NĐ-CP");
    expect(h111.recorded?.source.some((s) => s.url?.includes("post863158"))).toBe(true);
  });

  it("every shipped hotline has a project8.md source and vi + en text", () => {
    for (const h of shippedHotlines()) {
      expect(h.source.length).toBeGreaterThan(0);
      for (const s of h.source) expect(s.doc).toMatch(/^project8\.md §2/);
      expect(h.name.vi && h.name.en && h.purpose.vi && h.purpose.en).toBeTruthy();
    }
  });

  it("emergency answer: 113, 111, 115 in that order (§7 rule 1)", () => {
    expect(emergencyHotlines().map((h) => h.dial)).toEqual(["113", "111", "115"]);
    expect(() => emergencyHotlines(shippedHotlines().filter((h) => h.id !== "115"))).toThrow(/115/);
  });

  it("excludes ship:false entries from a fixture", () => {
    expect(loadHotlines(`${FIX}/good`).map((h) => h.id)).toEqual(["111", "113", "115"]);
    expect(loadAllHotlines(`${FIX}/good`).find((h) => h.id === "waiting")?.ship).toBe(false);
  });

  it("a shipped hotline without a source throws, naming file, entry and field", () => {
    const issues = issuesOf(() => loadHotlines(`${FIX}/hotline-no-source`));
    expect(issues).toEqual([expect.objectContaining({ id: "hotline 113", field: "source" })]);
    expect(issues[0]!.file).toMatch(/hotline-no-source[/\\]hotlines\.yaml$/);
    expect(() => loadHotlines(`${FIX}/hotline-no-source`)).toThrow(/hotlines\.yaml: hotline 113: source: a shipped hotline needs/);
  });

  it("a shipped hotline without English text throws", () => {
    expect(issuesOf(() => loadHotlines(`${FIX}/hotline-no-en`))).toEqual([expect.objectContaining({ id: "hotline 115", field: "name.en" })]);
  });

  it("rejects UNCONFIRMED text marked ship, a dial that is not the number, and an unshipped entry with no reason", () => {
    const fields = issuesOf(() => loadAllHotlines(`${FIX}/hotline-unconfirmed-shipped`)).map((i) => `${i.id}/${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(["hotline cwd/ship", "hotline no-reason/dial", "hotline no-reason/ship_note"]));
  });

  it("text falls back to Vietnamese unless en or an approved translation exists", () => {
    const [h111] = loadHotlines(`${FIX}/good`);
    expect(hotlineText(h111!, "en").name).toBe("Hotline 111");
    expect(hotlineText(h111!, "hmn")).toMatchObject({ lang: "hmn", name: "[hmn placeholder name]", hours: "24/7" });
    expect(hotlineText(h111!, "xyz")).toMatchObject({ lang: "vi", name: "Tổng đài 111" });
  });
});
