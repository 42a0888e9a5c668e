import { describe, expect, it } from "vitest";
import { parseAdjustmentAmount, parseAdjustmentReason } from "../../src/operations/adjustments.js";

describe("parseAdjustmentAmount", () => {
  it("reads signed whole rupiah; no sign is a credit", () => {
    expect(parseAdjustmentAmount("+50000")).toEqual({ ok: true, amount: 50_000 });
    expect(parseAdjustmentAmount("-20.000")).toEqual({ ok: true, amount: -20_000 });
    expect(parseAdjustmentAmount("− 1,5jt")).toEqual({ ok: true, amount: -1_500_000 });
    expect(parseAdjustmentAmount("50.000")).toEqual({ ok: true, amount: 50_000 });
    expect(parseAdjustmentAmount("- Rp 5.000")).toEqual({ ok: true, amount: -5_000 });
    // Below the top-up minimum is fine for a correction.
    expect(parseAdjustmentAmount("+1")).toEqual({ ok: true, amount: 1 });
  });

  it("refuses what is not an amount, cents, zero and more than the maximum", () => {
    expect(parseAdjustmentAmount("+-5")).toEqual({ ok: false, reason: "format" });
    expect(parseAdjustmentAmount("abc")).toEqual({ ok: false, reason: "format" });
    expect(parseAdjustmentAmount("")).toEqual({ ok: false, reason: "format" });
    expect(parseAdjustmentAmount("+10,50")).toEqual({ ok: false, reason: "fraction" });
    expect(parseAdjustmentAmount("-0")).toEqual({ ok: false, reason: "zero" });
    expect(parseAdjustmentAmount("100.000.001")).toEqual({ ok: false, reason: "too_large" });
    expect(parseAdjustmentAmount("-99999999999999999999999")).toEqual({ ok: false, reason: "too_large" });
  });
});

describe("parseAdjustmentReason", () => {
  it("trims and folds spaces, requires text and keeps to 200 characters", () => {
    expect(parseAdjustmentReason("  Salah   kredit \n ganda ")).toEqual({ ok: true, reason: "Salah kredit ganda" });
    expect(parseAdjustmentReason(" \n ")).toEqual({ ok: false, reason: "empty" });
    expect(parseAdjustmentReason("x".repeat(200))).toEqual({ ok: true, reason: "x".repeat(200) });
    expect(parseAdjustmentReason("x".repeat(201))).toEqual({ ok: false, reason: "too_long" });
  });
});
