// Quarters are Vietnam-time quarters whatever the process time zone says. Instants are
// written in UTC or with +07:00, so each case means one moment; the setup file sets
// TZ=Asia/Ho_Chi_Minh, and the last case repeats the boundaries with TZ=UTC (a server in UTC).
import { describe, expect, it } from "vitest";
import { daysUntilQuarterEnd, dmyFull, quarterKey, quarterOf, reminderKind, vnDate } from "../../../src/flows/report/quarter.js";

const at = (iso: string) => new Date(iso);

describe("vnDate", () => {
  it.each([
    ["2026-06-30T16:59:59Z", "2026-06-30"],
    ["2026-06-30T17:00:00Z", "2026-07-01"],
    ["2025-12-31T23:30:00Z", "2026-01-01"],
    ["2026-03-01T00:00:00+07:00", "2026-03-01"],
    ["2028-02-28T20:00:00Z", "2028-02-29"],
  ])("%s is %s in Vietnam", (iso, day) => {
    expect(vnDate(at(iso))).toBe(day);
  });
});

describe("quarterOf", () => {
  it.each([
    // instant (UTC)           year  q  start         end
    ["2026-01-01T00:00:00+07:00", 2026, 1, "2026-01-01", "2026-03-31"],
    ["2025-12-31T16:59:59Z", 2025, 4, "2025-10-01", "2025-12-31"],
    ["2025-12-31T23:30:00Z", 2026, 1, "2026-01-01", "2026-03-31"], // 06:30 on 1/1 in Vietnam
    ["2026-03-31T16:59:59Z", 2026, 1, "2026-01-01", "2026-03-31"],
    ["2026-03-31T17:00:00Z", 2026, 2, "2026-04-01", "2026-06-30"],
    ["2026-06-30T12:00:00Z", 2026, 2, "2026-04-01", "2026-06-30"],
    ["2026-06-30T17:00:00Z", 2026, 3, "2026-07-01", "2026-09-30"],
    ["2026-09-30T17:00:00Z", 2026, 4, "2026-10-01", "2026-12-31"],
    ["2026-12-31T16:00:00Z", 2026, 4, "2026-10-01", "2026-12-31"],
    ["2028-02-29T05:00:00Z", 2028, 1, "2028-01-01", "2028-03-31"],
  ])("%s → %i Q%i (%s – %s)", (iso, year, q, start, end) => {
    expect(quarterOf(at(iso))).toEqual({ year, q, start, end });
  });

  it("names a quarter as 2026q2", () => {
    expect(quarterKey(quarterOf(at("2026-05-10T03:00:00Z")))).toBe("2026q2");
  });
});

describe("reminderKind", () => {
  // 21 and 7 days before the quarter's last day, for each quarter.
  it.each([
    ["2026-03-10", "3w"],
    ["2026-03-24", "1w"],
    ["2026-06-09", "3w"],
    ["2026-06-23", "1w"],
    ["2026-09-09", "3w"],
    ["2026-09-23", "1w"],
    ["2026-12-10", "3w"],
    ["2026-12-24", "1w"],
    ["2028-03-10", "3w"], // leap year: Q1 still ends on 31/3
  ])("%s (Vietnam) is a %s reminder day", (day, kind) => {
    // Any moment of that Vietnam day: just after midnight, 09:00 (when the job runs), just before midnight.
    for (const time of ["00:00:00", "09:00:00", "23:59:59"]) {
      expect(reminderKind(at(`${day}T${time}+07:00`))).toBe(kind);
    }
  });

  it.each(["2026-03-09", "2026-03-11", "2026-03-23", "2026-03-25", "2026-03-31", "2026-04-01", "2026-06-10", "2026-06-22", "2026-12-31", "2026-01-01"])(
    "%s is not a reminder day",
    (day) => {
      expect(reminderKind(at(`${day}T09:00:00+07:00`))).toBeNull();
    },
  );

  it("uses the Vietnam date, not the UTC date", () => {
    // 2026-06-08T17:30Z is already 9/6 00:30 in Vietnam: three weeks before 30/6.
    expect(reminderKind(at("2026-06-08T17:30:00Z"))).toBe("3w");
    expect(reminderKind(at("2026-06-08T16:30:00Z"))).toBeNull();
  });

  it("counts days to the quarter's end", () => {
    expect(daysUntilQuarterEnd(at("2026-06-30T09:00:00+07:00"))).toBe(0);
    expect(daysUntilQuarterEnd(at("2026-04-01T09:00:00+07:00"))).toBe(90);
  });
});

describe("the process time zone does not matter", () => {
  it("gives the same answers with TZ=UTC and TZ=America/New_York", () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["UTC", "America/New_York"]) {
        process.env.TZ = tz;
        expect(quarterOf(at("2025-12-31T23:30:00Z"))).toEqual({ year: 2026, q: 1, start: "2026-01-01", end: "2026-03-31" });
        expect(vnDate(at("2026-06-30T17:00:00Z"))).toBe("2026-07-01");
        expect(reminderKind(at("2026-06-08T17:30:00Z"))).toBe("3w");
      }
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe("dmyFull", () => {
  it("writes dates the Vietnamese way", () => {
    expect(dmyFull("2026-06-30")).toBe("30/06/2026");
  });
});
