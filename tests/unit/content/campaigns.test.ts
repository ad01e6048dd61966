// content/campaigns.yaml: the dates of docs/reference/project8.md §3, each with its source, and
// the countdown to the next campaign month in Vietnam time.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCalendar, nextCampaignMonth, vietnamDay, yearCalendar } from "../../../src/broadcasts/calendar.js";

describe("campaign calendar", () => {
  const entries = loadCalendar();

  it("has the campaign months and days of project8.md §3, each with a source", () => {
    const dates = entries.map((e) => `${e.kind} ${e.start}${e.end ? `..${e.end}` : ""}`).sort();
    expect(dates).toEqual(["day 06-01", "day 06-28", "day 07-30", "day 10-11", "day 10-20", "day 11-09", "month 06-01..06-30", "month 06-01..06-30", "month 11-15..12-15"].sort());
    for (const e of entries) expect(e.source.length, e.id).toBeGreaterThan(0);
  });

  it("a date without a source does not load", () => {
    const dir = mkdtempSync(join(tmpdir(), "ct-cal-"));
    writeFileSync(join(dir, "campaigns.yaml"), 'entries:\n  - { id: x, kind: day, start: "03-08", name: { vi: A, en: B }, source: [] }\n');
    expect(() => loadCalendar(dir)).toThrow(/every date needs a source/);
    writeFileSync(join(dir, "campaigns.yaml"), 'entries:\n  - { id: x, kind: month, start: "03-08", name: { vi: A, en: B }, source: [{ doc: project8.md §3, url: x.vn, date: undated }] }\n');
    expect(() => loadCalendar(dir)).toThrow(/needs its end/);
  });

  it("counts down to the next campaign month, in Vietnam days", () => {
    // 3/12/2026: the gender-equality month (15/11–15/12) is running.
    expect(nextCampaignMonth(new Date("2026-12-03T05:00:00Z"), entries)).toMatchObject({ running: true, daysUntil: 0, occurrence: { entry: { id: "thang-binh-dang-gioi" }, from: "2026-11-15", to: "2026-12-15" } });
    // 20/12/2026: June 2027 is next, with its two campaign months together.
    const june = nextCampaignMonth(new Date("2026-12-20T05:00:00Z"), entries)!;
    expect(june).toMatchObject({ running: false, daysUntil: 163, occurrence: { from: "2027-06-01" } });
    expect(june.together.map((o) => o.entry.id).sort()).toEqual(["thang-hanh-dong-vi-tre-em", "thang-phong-chong-bao-luc-gia-dinh"]);
    // 31/5 17:00 UTC is already 1/6 in Vietnam.
    expect(vietnamDay(new Date("2026-05-31T17:00:00Z"))).toBe("2026-06-01");
    expect(nextCampaignMonth(new Date("2026-05-31T17:00:00Z"), entries)).toMatchObject({ running: true });
    expect(nextCampaignMonth(new Date("2026-05-31T16:59:00Z"), entries)).toMatchObject({ running: false, daysUntil: 1 });
  });

  it("a year's calendar in date order", () => {
    expect(yearCalendar(2027, entries).map((o) => o.from)[0]).toBe("2027-06-01");
    expect(yearCalendar(2027, entries).at(-1)).toMatchObject({ from: "2027-11-15", to: "2027-12-15" });
  });
});
