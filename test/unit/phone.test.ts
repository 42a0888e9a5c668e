import { describe, expect, it } from "vitest";
import { maskPhone, maskPhonesIn, parseIndonesianMobile } from "../../src/payments/phone.js";

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

describe("maskPhonesIn", () => {
  it.each([
    ["+6281234567890", "0812****7890"],
    ["call 0812-3456-7890 today", "call 0812****7890 today"],
    ["62 812 3456 7890 or +62 857.1234.5678", "0812****7890 or 0857****5678"],
    ['{"mobile_number":"+6281234567890"}', '{"mobile_number":"0812****7890"}'],
  ])("masks the numbers in %j", (text, masked) => {
    expect(maskPhonesIn(text)).toBe(masked);
  });

  it.each(["cp-2026-000123", "ewc_0812345678901", "2026-11-26T10:00:05.000Z", "1081234567890", "08123456789012345", "100000"])(
    "leaves %j alone",
    (text) => {
      expect(maskPhonesIn(text)).toBe(text);
    },
  );
});
