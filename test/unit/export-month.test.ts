import { describe, expect, it } from "vitest";
import { isAfter, monthBounds, parseMonth, previousMonth, wibMonthOf } from "../../src/operations/export.js";

describe("export months", () => {
  it("are Jakarta calendar months, across the turn of the year", () => {
    const iso = (m: { year: number; month: number }) => Object.values(monthBounds(m)).map((d) => d.toISOString());
    expect(iso({ year: 2026, month: 12 })).toEqual(["2026-11-30T17:00:00.000Z", "2026-12-31T17:00:00.000Z"]);
    expect(iso({ year: 2027, month: 1 })).toEqual(["2026-12-31T17:00:00.000Z", "2027-01-31T17:00:00.000Z"]);
    expect(wibMonthOf(new Date("2026-12-31T16:59:59.999Z"))).toEqual({ year: 2026, month: 12 });
    expect(wibMonthOf(new Date("2026-12-31T17:00:00.000Z"))).toEqual({ year: 2027, month: 1 });
    expect(previousMonth({ year: 2027, month: 1 })).toEqual({ year: 2026, month: 12 });
    expect(isAfter({ year: 2027, month: 1 }, { year: 2026, month: 12 })).toBe(true);
    expect(isAfter({ year: 2026, month: 12 }, { year: 2026, month: 12 })).toBe(false);
  });

  it("are read as YYYY-MM only", () => {
    expect(parseMonth(" 2026-02 ")).toEqual({ year: 2026, month: 2 });
    for (const text of ["2026-00", "2026-13", "2026-2", "26-02", "2026/02", "02-2026", ""]) expect(parseMonth(text)).toBeUndefined();
  });
});
