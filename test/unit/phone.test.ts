import { describe, expect, it } from "vitest";
import { maskPhone, parseIndonesianMobile } from "../../src/payments/phone.js";

describe("parseIndonesianMobile", () => {
  it.each([
    ["081234567890", "+6281234567890"],
    ["0812-3456-7890", "+6281234567890"],
    ["0812 3456 7890", "+6281234567890"],
    ["0812.3456.7890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["+62 812-3456-7890", "+6281234567890"],
    ["+62081234567890", "+6281234567890"],
    ["085712345678", "+6285712345678"],
  ])("normalises %j to %s", (input, e164) => {
    expect(parseIndonesianMobile(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["hello", "format"],
    ["0812", "format"],
    ["+14155552671", "format"],
    ["+6581234567", "format"],
    ["0812345678901234", "format"],
    ["021 1234 5678", "not_mobile"],
  ])("refuses %j (%s)", (input, reason) => {
    expect(parseIndonesianMobile(input)).toEqual({ ok: false, reason });
  });
});

describe("maskPhone", () => {
  it("keeps only the first four and last four digits", () => {
    expect(maskPhone("+6281234567890")).toBe("0812****7890");
  });
});
