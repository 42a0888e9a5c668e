import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/database.js";
import { at, engines, gate, profile, seedTopup } from "./engines.js";

describe.each(engines)("Database ($name)", ({ open, serial }) => {
  let db: Database;
  beforeEach(async () => (db = await open()));
  afterEach(() => db.close());

  it("commits a transaction's steps together and rolls all of them back when it throws", async () => {
    await db.transaction(async (s) => {
      await s.merchants.register(profile(1), at("10:00:00"));
      await s.merchants.register(profile(2), at("10:00:00"));
    });
    await expect(
      db.transaction(async (s) => {
        await s.merchants.register(profile(3), at("10:00:00"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.stores.merchants.byId(2)).toBeDefined();
    expect(await db.stores.merchants.byId(3)).toBeUndefined();
  });

  it("a failing savepoint undoes only its own steps; the others commit", async () => {
    const topup = await seedTopup(db);
    const results = await db.transaction((s) =>
      Promise.all(
        [1, 2, 3].map((n) =>
          s
            .savepoint(async (sp) => {
              await sp.webhookEvents.record({ event: null, chargeId: null, referenceId: `r${n}`, status: null, outcome: "x", body: "{}" }, at("10:00:00"));
              // The second credit of the same top-up breaks the ledger's unique key.
              await sp.ledger.credit({ merchantId: 1, amount: 100_000, topupId: topup.id, at: at("10:00:00") });
              return "ok";
            })
            .catch(() => "failed"),
        ),
      ),
    );
    expect(results).toEqual(["ok", "failed", "failed"]);
    expect(await db.stores.ledger.balanceOf(1)).toBe(100_000);
    expect(await db.stores.webhookEvents.prune(at("11:00:00"), 10)).toBe(1);
  });

  it("a read while a transaction is open never sees its uncommitted rows (on a serial engine it waits for the end)", async () => {
    const held = gate();
    const tx = db.transaction(async (s) => {
      await s.merchants.register(profile(1), at("10:00:00"));
      await held.closed;
      throw new Error("rolled back");
    });
    let read: unknown = "pending";
    const reading = db.stores.merchants.byId(1).then((row) => (read = row));
    if (serial) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(read).toBe("pending");
    } else {
      await reading;
      expect(read).toBeUndefined();
    }
    held.open();
    await expect(tx).rejects.toThrow("rolled back");
    await reading;
    expect(read).toBeUndefined();
  });

  it("two concurrent transactions crediting one top-up: the second reads what the first committed (on a serial engine they never interleave)", async () => {
    const topup = await seedTopup(db);
    const steps: string[] = [];
    const creditIfUnpaid = (name: string) =>
      db.transaction(async (s) => {
        steps.push(`${name} begin`);
        const row = await s.topups.byId(topup.id);
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (row!.status !== "succeeded") {
          await s.topups.markPaid(topup, "ch-1", at("10:00:30"));
          await s.ledger.credit({ merchantId: 1, amount: row!.amount, topupId: topup.id, at: at("10:00:30") });
        }
        steps.push(`${name} end`);
      });
    await Promise.all([creditIfUnpaid("a"), creditIfUnpaid("b")]);
    if (serial) expect(steps).toEqual(["a begin", "a end", "b begin", "b end"]);
    expect(await db.stores.ledger.balanceOf(1)).toBe(100_000);
  });

  it("a store call that fails rejects and leaves the database usable", async () => {
    const topup = await seedTopup(db);
    await db.stores.ledger.credit({ merchantId: 1, amount: 5, topupId: topup.id, at: at("10:00:00") });
    await expect(db.stores.ledger.credit({ merchantId: 1, amount: 5, topupId: topup.id, at: at("10:00:00") })).rejects.toThrow();
    expect(await db.stores.ledger.balanceOf(1)).toBe(5);
    await expect(db.ping()).resolves.toBeUndefined();
  });
});
