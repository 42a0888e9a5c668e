import { expect, it } from "vitest";
import type { Database, TransactionStores } from "../../db/database.js";
import { ManualClock } from "../../src/clock.js";
import { AdjustmentService } from "../../src/operations/adjustments.js";
import { contract, peer, profile, at } from "./engines.js";

const actor = { actorId: 900, actorName: "Admin" };

/**
 * The database with every balance read inside a transaction slowed down: two debits that did not hold the
 * balance would both read it before either wrote.
 */
function slowBalanceReads(database: Database): Database {
  const slowed = (stores: TransactionStores): TransactionStores => ({
    ...stores,
    ledger: {
      ...stores.ledger,
      async balanceOf(merchantId) {
        const balance = await stores.ledger.balanceOf(merchantId);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return balance;
      },
    },
  });
  return { ...database, dialect: database.dialect, stores: database.stores, transaction: (fn) => database.transaction((stores) => fn(slowed(stores))) };
}

contract("AdjustmentService", (db) => {
  const services = async () => {
    const clock = new ManualClock();
    await db().stores.merchants.register(profile(1), at("09:00:00"));
    const first = new AdjustmentService(slowBalanceReads(db()), clock);
    const second = new AdjustmentService(slowBalanceReads(await peer(db())), clock);
    await first.apply({ merchantId: 1, amount: 100_000, reason: "saldo awal", requestKey: "start", actor });
    return { first, second };
  };

  it("two instances debiting at once cannot take the balance below zero", async () => {
    const { first, second } = await services();
    const outcomes = await Promise.all([
      first.apply({ merchantId: 1, amount: -60_000, reason: "a", requestKey: "a", actor }),
      second.apply({ merchantId: 1, amount: -60_000, reason: "b", requestKey: "b", actor: { actorId: 901, actorName: "Dua" } }),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["applied", "insufficient"]);
    expect(outcomes.find((o) => o.kind === "insufficient")).toEqual({ kind: "insufficient", balance: 40_000 });
    expect(await db().stores.ledger.balanceOf(1)).toBe(40_000);
    expect((await db().stores.audit.latest(10, 0)).map((row) => row.action)).toEqual(["adjustment.debit", "adjustment.credit"]);
  });

  it("the same request applied twice at once, from two instances, is applied once", async () => {
    const { first, second } = await services();
    const request = { merchantId: 1, amount: -30_000, reason: "x", requestKey: "same", actor };
    const outcomes = await Promise.all([first.apply(request), second.apply(request)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["already_applied", "applied"]);
    expect(await db().stores.ledger.balanceOf(1)).toBe(70_000);
    expect(await db().stores.audit.latest(10, 0)).toHaveLength(2);
  });

  it("a debit to exactly zero is allowed; an unknown merchant changes nothing", async () => {
    const { first } = await services();
    expect(await first.apply({ merchantId: 1, amount: -100_000, reason: "tutup", requestKey: "zero", actor })).toMatchObject({ kind: "applied", balanceAfter: 0 });
    expect(await first.apply({ merchantId: 2, amount: 5, reason: "x", requestKey: "nobody", actor })).toEqual({ kind: "unknown_merchant" });
    expect(await db().stores.adjustments.byRequestKey("nobody")).toBeUndefined();
  });
});
