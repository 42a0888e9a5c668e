import { expect, it } from "vitest";
import type { ExportCursor, TopupExportRow } from "../../db/stores.js";
import { at, contract, newTopup, profile } from "./engines.js";

contract("ExportStore", (db) => {
  it("pages through the top-ups created in [from, to), oldest first, with merchant, store and invoice number", async () => {
    const { stores } = db();
    await stores.merchants.register(profile(1), at("08:00:00"));
    await stores.merchants.register({ ...profile(2), lastName: "Santoso", username: "budi" }, at("08:00:00"));
    await stores.merchants.update(2, { storeName: "Toko Budi" }, at("08:00:00"));
    await newTopup(db(), 1, "before", { createdAt: at("08:59:59.999") });
    const first = await newTopup(db(), 2, "first", { createdAt: at("09:00:00"), amount: 50_000 });
    // Two at the same millisecond: the id breaks the tie, so a page boundary between them loses neither.
    const tieA = await newTopup(db(), 1, "tieA", { createdAt: at("10:00:00") });
    const tieB = await newTopup(db(), 2, "tieB", { createdAt: at("10:00:00") });
    const last = await newTopup(db(), 1, "last", { createdAt: at("10:59:59.999") });
    await newTopup(db(), 1, "after", { createdAt: at("11:00:00") });
    await stores.topups.markPaid(first, "ewc_1", at("09:01:00"));
    await stores.invoices.insert({ topupId: first.id, merchantId: 2, number: "INV/CP/202603/000001", issuedAt: at("09:01:00"), content: {} });

    const pages: TopupExportRow[][] = [];
    let after: ExportCursor | null = null;
    for (;;) {
      const page = await stores.exports.topupsBetween(at("09:00:00"), at("11:00:00"), after, 2);
      if (page.length === 0) break;
      pages.push(page);
      after = page.at(-1)!;
    }
    expect(pages.map((page) => page.map((row) => row.id))).toEqual([[first.id, tieA.id], [tieB.id, last.id]]);
    expect(pages[0]![0]).toEqual({
      id: first.id,
      createdAt: at("09:00:00"),
      merchantId: 2,
      firstName: "M2",
      lastName: "Santoso",
      username: "budi",
      storeName: "Toko Budi",
      channelCode: "ID_OVO",
      phone: "+6281234567890",
      amount: 50_000,
      status: "succeeded",
      referenceId: "ref-2-first",
      chargeId: "ewc_1",
      invoiceNumber: "INV/CP/202603/000001",
    });
    expect(pages[0]![1]).toMatchObject({ merchantId: 1, storeName: null, status: "creating", chargeId: null, invoiceNumber: null });
  });
});
