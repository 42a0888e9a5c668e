import { describe, expect, it } from "vitest";
import { formatRupiah, formatWib, wibYearMonth } from "../../src/format.js";

describe("format", () => {
  it.each([
    [0, "Rp0"],
    [10_000, "Rp10.000"],
    [1_500_000, "Rp1.500.000"],
    [-25_000, "-Rp25.000"],
  ])("formatRupiah(%d) = %s", (amount, text) => {
    expect(formatRupiah(amount)).toBe(text);
  });

  it("shows Jakarta time whatever the server's zone", () => {
    expect(formatWib(new Date("2026-11-26T03:05:00Z"))).toBe("26/11/2026 10:05 WIB");
  });

  it("numbers invoices by the Jakarta month, which starts 7 hours before UTC's", () => {
    expect(wibYearMonth(new Date("2026-11-30T16:59:00Z"))).toBe("202611");
    expect(wibYearMonth(new Date("2026-11-30T17:00:00Z"))).toBe("202612");
  });

  it("agrees with the time-zone database's Asia/Jakarta over many years", () => {
    const jakarta = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Jakarta", dateStyle: "short", timeStyle: "short", hourCycle: "h23" });
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2040, 0, 1); t += 7_919 * 60_000) {
      const date = new Date(t);
      const [day, time] = jakarta.format(date).split(", ");
      expect(formatWib(date)).toBe(`${day} ${time} WIB`);
    }
  });
});
