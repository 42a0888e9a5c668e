import { describe, expect, it } from "vitest";
import { parseWibDay, wibDayOf, wibHour } from "../../src/operations/wib-day.js";

describe("Jakarta days", () => {
  it("a day runs from 00:00 WIB (17:00 UTC the day before) to the next midnight", () => {
    expect(wibDayOf(new Date("2026-11-25T17:00:00.000Z"))).toEqual({
      label: "2026-11-26",
      from: new Date("2026-11-25T17:00:00.000Z"),
      to: new Date("2026-11-26T17:00:00.000Z"),
    });
    expect(wibDayOf(new Date("2026-11-25T16:59:59.999Z")).label).toBe("2026-11-25");
    expect(wibDayOf(new Date("2026-03-01T03:00:00.000Z"), 1).label).toBe("2026-02-28");
  });

  it("parses real dates written YYYY-MM-DD only", () => {
    expect(parseWibDay("2026-11-25")).toEqual(wibDayOf(new Date("2026-11-25T05:00:00.000Z")));
    expect(parseWibDay("2028-02-29")?.label).toBe("2028-02-29");
    for (const text of ["2026-02-29", "2026-02-30", "2026-13-01", "2026-1-5", "25-11-2026", "kemarin", "", "2026-11-25x"]) {
      expect(parseWibDay(text)).toBeUndefined();
    }
  });

  it("tells the hour on a Jakarta clock", () => {
    expect(wibHour(new Date("2026-11-25T19:00:00.000Z"))).toBe(2);
    expect(wibHour(new Date("2026-11-25T16:59:00.000Z"))).toBe(23);
    expect(wibHour(new Date("2026-11-25T17:00:00.000Z"))).toBe(0);
  });
});
