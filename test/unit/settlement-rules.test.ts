import { describe, expect, it } from "vitest";
import type { TopupRow } from "../../db/rows.js";
import type { Charge } from "../../src/payments/gateway.js";
import { decide, outcomeOf } from "../../src/payments/settlement-rules.js";

const at = new Date("2026-03-01T10:00:00Z");
const topup = (fields: Partial<TopupRow> = {}): TopupRow => ({
  id: 1,
  referenceId: "cp-1",
  requestKey: "k",
  merchantId: 7,
  amount: 100_000,
  currency: "IDR",
  channelCode: "ID_OVO",
  phone: "+6281234567890",
  status: "pending",
  chargeId: "ewc_1",
  failureCode: null,
  flag: null,
  createdAt: at,
  updatedAt: at,
  checkAt: at,
  checkAttempts: 0,
  claimedUntil: null,
  paidAt: null,
  finalizedAt: null,
  payCode: null,
  expiresAt: null,
  promptMessageId: null,
  ...fields,
});
const charge = (fields: Partial<Charge> = {}): Charge => ({
  id: "ewc_1",
  referenceId: "cp-1",
  status: "SUCCEEDED",
  currency: "IDR",
  amount: 100_000,
  failureCode: null,
  ...fields,
});
const callback = (c: Charge, confirmation?: Charge) => ({ charge: c, source: "callback" as const, confirmation });

describe("settlement rules", () => {
  it("credit a matching success once; a second one is a duplicate", () => {
    expect(decide(topup(), callback(charge()))).toEqual({ kind: "credit", chargeId: "ewc_1", late: false });
    expect(decide(topup({ status: "succeeded" }), callback(charge()))).toEqual({ kind: "duplicate" });
  });

  it("credit a success after our own expiry as late, but flag one after the gateway's failure", () => {
    expect(decide(topup({ status: "expired" }), callback(charge()))).toMatchObject({ kind: "credit", late: true });
    expect(decide(topup({ status: "failed" }), callback(charge()))).toEqual({ kind: "flag", reason: "SUCCEEDED after FAILED" });
  });

  it("flag a wrong amount, currency or charge id instead of crediting", () => {
    expect(decide(topup(), callback(charge({ amount: 90_000 })))).toEqual({ kind: "flag", reason: "paid IDR 90000, expected IDR 100000" });
    expect(decide(topup(), callback(charge({ currency: "USD" })))).toMatchObject({ kind: "flag" });
    expect(decide(topup(), callback(charge({ id: "ewc_2" })))).toEqual({ kind: "flag", reason: "charge id ewc_2 differs" });
  });

  it("a success for a top-up without a charge id needs the gateway's confirmation", () => {
    const unmatched = topup({ chargeId: null, status: "creating" });
    expect(decide(unmatched, callback(charge()))).toEqual({ kind: "unconfirmed" });
    expect(decide(unmatched, callback(charge(), charge()))).toMatchObject({ kind: "credit" });
    expect(decide(unmatched, callback(charge(), charge({ status: "PENDING" })))).toEqual({
      kind: "flag",
      reason: "SUCCEEDED callback not confirmed by the gateway (PENDING)",
    });
    expect(decide(unmatched, callback(charge(), charge({ referenceId: "cp-2" })))).toEqual({
      kind: "flag",
      reason: "SUCCEEDED callback not confirmed by the gateway (another charge)",
    });
    // Our own check asked the gateway already.
    expect(decide(unmatched, { charge: charge(), source: "check" })).toMatchObject({ kind: "credit" });
  });

  it("fail open top-ups only; voided and refunded count as failed", () => {
    expect(decide(topup(), callback(charge({ status: "FAILED", failureCode: "INSUFFICIENT_BALANCE" })))).toEqual({
      kind: "fail",
      failureCode: "INSUFFICIENT_BALANCE",
      chargeId: "ewc_1",
    });
    expect(decide(topup(), callback(charge({ status: "VOIDED" })))).toMatchObject({ kind: "fail", failureCode: "VOIDED" });
    expect(decide(topup({ status: "succeeded" }), callback(charge({ status: "FAILED" })))).toEqual({ kind: "stale" });
  });

  it("a pending report moves only a top-up still being created", () => {
    expect(decide(topup({ status: "creating", chargeId: null }), callback(charge({ status: "PENDING" })))).toEqual({ kind: "mark_pending", chargeId: "ewc_1" });
    expect(decide(topup(), callback(charge({ status: "PENDING" })))).toEqual({ kind: "stale" });
  });

  it("names the outcome of each decision", () => {
    expect(outcomeOf({ kind: "credit", chargeId: "x", late: false })).toBe("credited");
    expect(outcomeOf({ kind: "flag", reason: "r" })).toBe("mismatch");
    expect(outcomeOf({ kind: "mark_pending", chargeId: "x" })).toBe("pending");
    expect(outcomeOf({ kind: "duplicate" })).toBe("duplicate");
  });
});
