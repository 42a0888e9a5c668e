import { expect, it } from "vitest";
import type { Database } from "../../db/database.js";
import { at, contract, newTopup, profile } from "./engines.js";

const adjust = (db: Database, merchantId: number, requestKey: string, amount: number, createdAt: Date) =>
  db.stores.adjustments.create({ merchantId, amount, reason: "koreksi", actorId: 900, actorName: "Admin", requestKey, createdAt });

contract("MerchantStore.byUsername", (db) => {
  it("finds a merchant by username in any case, the one seen last when two had the name, and nobody else", async () => {
    await db().stores.merchants.register({ ...profile(1), username: "TokoSari" }, at("09:00:00"));
    await db().stores.merchants.register({ ...profile(2), username: "tokosari" }, at("10:00:00"));
    await db().stores.merchants.register({ ...profile(3), username: "budi" }, at("09:30:00"));

    expect((await db().stores.merchants.byUsername("TOKOSARI"))?.id).toBe(2);
    expect((await db().stores.merchants.byUsername("Budi"))?.id).toBe(3);
    expect(await db().stores.merchants.byUsername("bud")).toBeUndefined();
    await db().stores.merchants.register({ ...profile(1), username: "TokoSari" }, at("11:00:00"));
    expect((await db().stores.merchants.byUsername("tokosari"))?.id).toBe(1);
  });
});

contract("HistoryStore", (db) => {
  it("merges top-ups and adjustments newest first; pages neither skip nor repeat, ties included", async () => {
    for (const id of [1, 2]) await db().stores.merchants.register(profile(id), at("08:00:00"));
    const t1 = await newTopup(db(), 1, "t1", { createdAt: at("09:00:00") });
    const a1 = (await adjust(db(), 1, "a1", 5_000, at("09:30:00")))!;
    // Two at the same moment as a top-up: the order between them is fixed all the same.
    const t2 = await newTopup(db(), 1, "t2", { createdAt: at("10:00:00") });
    const a2 = (await adjust(db(), 1, "a2", -1_000, at("10:00:00")))!;
    const a3 = (await adjust(db(), 1, "a3", 2_000, at("10:00:00")))!;
    const t3 = await newTopup(db(), 1, "t3", { createdAt: at("11:00:00") });
    await newTopup(db(), 2, "other", { createdAt: at("12:00:00") });
    await adjust(db(), 2, "other", 1, at("12:00:00"));

    expect(await db().stores.history.countOf(1)).toBe(6);
    const label = (entry: Awaited<ReturnType<Database["stores"]["history"]["page"]>>[number]) =>
      entry.kind === "topup" ? `t${entry.topup.id}` : `a${entry.adjustment.id}:${entry.adjustment.amount}`;
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2) pages.push(...(await db().stores.history.page(1, 2, offset)).map(label));
    expect(pages).toEqual([`t${t3.id}`, `t${t2.id}`, `a${a3.id}:2000`, `a${a2.id}:-1000`, `a${a1.id}:5000`, `t${t1.id}`]);
    expect((await db().stores.history.page(1, 10, 0)).map(label)).toEqual(pages);
    expect(await db().stores.history.page(1, 2, 6)).toEqual([]);
    expect(await db().stores.history.countOf(3)).toBe(0);
    expect(await db().stores.history.page(3, 5, 0)).toEqual([]);
  });
});

contract("StatsStore.adjustmentsSince", (db) => {
  it("counts adjustments since a time and sums them signed", async () => {
    expect(await db().stores.stats.adjustmentsSince(at("00:00:00"))).toEqual({ count: 0, net: 0 });
    await db().stores.merchants.register(profile(1), at("08:00:00"));
    await adjust(db(), 1, "old", 100_000, at("08:00:00"));
    await adjust(db(), 1, "credit", 50_000, at("10:00:00"));
    await adjust(db(), 1, "debit", -20_000, at("11:00:00"));
    expect(await db().stores.stats.adjustmentsSince(at("09:00:00"))).toEqual({ count: 2, net: 30_000 });
    expect(await db().stores.stats.adjustmentsSince(at("07:00:00"))).toEqual({ count: 3, net: 130_000 });
  });
});
