import { expect, it } from "vitest";
import { at, contract, gate, newTopup, profile, seedTopup } from "./engines.js";

contract("LedgerStore", (db) => {
  it("credit adds to one merchant's balance; a second credit of the same top-up fails and changes nothing", async () => {
    const first = await seedTopup(db());
    const second = await newTopup(db(), 1, "b");
    await db().stores.merchants.register(profile(2), at("10:00:00"));
    const others = await newTopup(db(), 2, "c");
    expect(await db().stores.ledger.balanceOf(1)).toBe(0);

    await db().stores.ledger.credit({ merchantId: 1, amount: 100_000, topupId: first.id, at: at("10:01:00") });
    await db().stores.ledger.credit({ merchantId: 1, amount: 2_500_000_000, topupId: second.id, at: at("10:02:00") });
    await db().stores.ledger.credit({ merchantId: 2, amount: 7, topupId: others.id, at: at("10:02:00") });
    await expect(db().stores.ledger.credit({ merchantId: 1, amount: 100_000, topupId: first.id, at: at("10:03:00") })).rejects.toThrow();

    expect(await db().stores.ledger.balanceOf(1)).toBe(2_500_100_000);
    expect(await db().stores.ledger.balanceOf(2)).toBe(7);
  });

  it("two transactions crediting the same top-up at once: the second sees it paid and credits nothing", async () => {
    const topup = await seedTopup(db());
    const seen: string[] = [];
    const firstRead = gate();
    const settle = (name: string, afterRead: () => Promise<void>) =>
      db().transaction(async (s) => {
        const row = (await s.topups.byReference(topup.referenceId))!;
        seen.push(`${name} ${row.status}`);
        await afterRead();
        if (row.status === "succeeded") return;
        await s.topups.markPaid(row, "ch-1", at("10:00:30"));
        await s.ledger.credit({ merchantId: row.merchantId, amount: row.amount, topupId: row.id, at: at("10:00:30") });
      });

    const first = settle("a", async () => {
      firstRead.open();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await firstRead.closed;
    const second = settle("b", () => Promise.resolve());

    await Promise.all([first, second]);
    expect(seen).toEqual(["a creating", "b succeeded"]);
    expect(await db().stores.ledger.balanceOf(1)).toBe(100_000);
  });
});
