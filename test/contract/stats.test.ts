import { expect, it } from "vitest";
import { at, contract, newTopup, profile } from "./engines.js";

contract("StatsStore", (db) => {
  it("counts as numbers on an empty database", async () => {
    expect(await db().stores.stats.merchants()).toEqual({ total: 0, blocked: 0, muted: 0 });
    expect(await db().stores.stats.topupsSince(at("00:00:00"))).toEqual({ started: 0, succeeded: 0, finalised: 0, amount: 0 });
    expect(await db().stores.stats.open()).toEqual({ count: 0, amount: 0 });
    expect(await db().stores.stats.outstanding()).toBe(0);
  });

  it("merchants, top-ups since a time, open top-ups and the whole ledger", async () => {
    for (const id of [1, 2, 3]) await db().stores.merchants.register(profile(id), at("09:00:00"));
    await db().stores.merchants.markBlocked({ id: 2 }, at("09:10:00"));
    await db().stores.merchants.mute(3, at("09:10:00"));
    await db().stores.merchants.mute(2, at("09:10:00"));

    const old = await newTopup(db(), 1, "old", { createdAt: at("08:00:00"), amount: 50_000 });
    await db().stores.topups.markPaid(old, "ch-old", at("08:01:00"));
    await db().stores.ledger.credit({ merchantId: 1, amount: 50_000, topupId: old.id, at: at("08:01:00") });
    const paid = await newTopup(db(), 1, "paid", { createdAt: at("10:00:00"), amount: 100_000 });
    await db().stores.topups.markPaid(paid, "ch-paid", at("10:01:00"));
    await db().stores.ledger.credit({ merchantId: 1, amount: 100_000, topupId: paid.id, at: at("10:01:00") });
    const failed = await newTopup(db(), 2, "failed", { createdAt: at("10:00:00"), amount: 20_000 });
    await db().stores.topups.markFailed(failed.id, { failureCode: "X", chargeId: null }, at("10:01:00"));
    const expired = await newTopup(db(), 2, "expired", { createdAt: at("10:00:00"), amount: 30_000 });
    await db().stores.topups.expire(expired.id, "EXPIRED", at("11:00:00"), at("10:10:00"));
    await newTopup(db(), 3, "creating", { createdAt: at("10:00:00"), amount: 40_000 });
    const pending = await newTopup(db(), 3, "pending", { createdAt: at("10:00:00"), amount: 60_000 });
    await db().stores.topups.recordCharge(pending.id, "ch-p", at("10:00:01"));

    expect(await db().stores.stats.merchants()).toEqual({ total: 3, blocked: 1, muted: 2 });
    expect(await db().stores.stats.topupsSince(at("09:00:00"))).toEqual({ started: 5, succeeded: 1, finalised: 3, amount: 100_000 });
    expect(await db().stores.stats.topupsSince(at("00:00:00"))).toEqual({ started: 6, succeeded: 2, finalised: 4, amount: 150_000 });
    expect(await db().stores.stats.open()).toEqual({ count: 2, amount: 100_000 });
    expect(await db().stores.stats.outstanding()).toBe(150_000);
  });
});
