import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { contentCoverage, formatCoverageTable } from "../../../src/content/coverage.js";

const FIX = resolve(import.meta.dirname, "../../fixtures/content");
const ROOT = resolve(import.meta.dirname, "../../..");

describe("content coverage", () => {
  const report = contentCoverage({ localesDir: `${FIX}/locales`, contentDir: `${FIX}/good` });

  it("reports missing locale keys, topics and hotline text per language (vi is the reference)", () => {
    expect(report.reference).toBe("vi");
    expect(Object.keys(report.languages).sort()).toEqual(["en", "hmn", "xyz"]);
    expect(report.languages.en).toEqual({ missingLocaleKeys: ["bot:menu.hint", "extra:report.done"], missingTopics: ["beta"], missingHotlineText: [] });
    expect(report.languages.hmn).toEqual({
      missingLocaleKeys: ["bot:menu.hint", "bot:menu.title", "extra:report.done"],
      missingTopics: ["beta"],
      missingHotlineText: ["113", "115"],
    });
    // A language found only in content still gets every locale key listed as missing.
    expect(report.languages.xyz?.missingLocaleKeys).toHaveLength(4);
    expect(report.languages.xyz?.missingTopics).toEqual(["alpha", "beta"]);
  });

  it("prints a table with one row per language", () => {
    const table = formatCoverageTable(report).split("\n");
    expect(table[0]).toMatch(/^language\s+\| locale keys missing \| topics missing/);
    expect(table.find((l) => l.startsWith("hmn"))).toMatch(/^hmn\s+\| 3\s+\| 1\s+\| 2$/);
  });

  it("npm run content:coverage -- --json prints JSON of the same shape for the real tree", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/content-coverage.ts", "--json"], { cwd: ROOT, encoding: "utf8" });
    const json = JSON.parse(out) as { languages: Record<string, Record<string, unknown>> };
    expect(json.languages.en).toEqual({ missingLocaleKeys: expect.any(Array), missingTopics: [], missingHotlineText: [] });
  }, 30_000);
});
