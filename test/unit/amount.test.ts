import { describe, expect, it } from "vitest";
import { parseAmount } from "../../src/payments/amount.js";

describe("parseAmount", () => {
  it.each([
    ["150000", 150_000],
    ["150.000", 150_000],
    ["150,000", 150_000],
    ["Rp 150.000", 150_000],
    ["Rp150.000", 150_000],
    ["rp. 150.000", 150_000],
    ["IDR 150000", 150_000],
    ["150rb", 150_000],
    ["150 rb", 150_000],
    ["150ribu", 150_000],
    ["150k", 150_000],
    ["150K", 150_000],
    ["1jt", 1_000_000],
    ["1,5jt", 1_500_000],
    ["2.5 juta", 2_500_000],
    ["10.000", 10_000],
    ["10.000.000", 10_000_000],
    ["  75000  ", 75_000],
  ])("reads %j as %d", (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, amount: expected });
  });

  it.each([
    ["", "format"],
    ["abc", "format"],
    ["-50000", "format"],
    ["50.00.0", "format"],
    ["1e5", "format"],
    ["150.000,50", "format"],
    ["150000.5", "fraction"],
    ["1,2345rb", "fraction"],
    ["9999", "too_small"],
    ["0", "too_small"],
    ["5rb", "too_small"],
    ["50.000.001", "too_large"],
    ["51jt", "too_large"],
    ["99999999999999999999", "too_large"],
  ])("refuses %j (%s)", (input, reason) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason });
  });
});
