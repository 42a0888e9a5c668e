import { expect, it } from "vitest";
import { at, contract, newTopup, profile, seedTopup } from "./engines.js";

const content = { number: "INV/CP/202603/000001", locale: "id", seller: { name: "PT Coin", address: "Jakarta" }, total: 100_000, item: { quantity: 1 } };

contract("InvoiceStore", (db) => {
  it("reserveNumbers counts per period from 1, as many at a time as asked", async () => {
    expect(await db().stores.invoices.reserveNumbers("202603", 1)).toBe(1);
    expect(await db().stores.invoices.reserveNumbers("202603", 3)).toBe(4);
    expect(await db().stores.invoices.reserveNumbers("202604", 2)).toBe(2);
    expect(await db().stores.invoices.reserveNumbers("202603", 1)).toBe(5);
  });

  it("20 concurrent transactions each take a number: 1 to 20, none twice; a rolled-back one leaves no gap", async () => {
    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db()
          .transaction(async (s) => {
            const n = await s.invoices.reserveNumbers("202603", 1);
            // Hold the transaction open a little, so the others overlap it (on PostgreSQL over several connections).
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (i % 5 === 4) throw new Error("rolled back");
            return n;
          })
          .catch(() => undefined),
      ),
    );
    const committed = taken.filter((n) => n !== undefined).sort((a, b) => a - b);
    expect(committed).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(await db().stores.invoices.reserveNumbers("202603", 1)).toBe(17);
  });

  it("insert and ofTopup: the content round-trips, only for the merchant who paid; the file id is remembered", async () => {
    const topup = await seedTopup(db());
    await db().stores.merchants.register(profile(2), at("10:00:00"));
    await db().stores.invoices.insert({ topupId: topup.id, merchantId: 1, number: content.number, issuedAt: at("10:00:30"), content });

    const invoice = await db().stores.invoices.ofTopup(1, topup.id);
    expect(invoice).toMatchObject({ topupId: topup.id, merchantId: 1, number: content.number, issuedAt: at("10:00:30"), telegramFileId: null });
    expect(invoice?.content).toEqual(content);
    expect(await db().stores.invoices.ofTopup(2, topup.id)).toBeUndefined();
    expect(await db().stores.invoices.ofTopup(1, topup.id + 1)).toBeUndefined();

    await db().stores.invoices.rememberFileId(invoice!.id, "file-1");
    expect((await db().stores.invoices.ofTopup(1, topup.id))?.telegramFileId).toBe("file-1");
  });

  it("one invoice per top-up and per number", async () => {
    const topup = await seedTopup(db());
    const other = await newTopup(db(), 1, "b");
    await db().stores.invoices.insert({ topupId: topup.id, merchantId: 1, number: "N1", issuedAt: at("10:00:30"), content });
    await expect(db().stores.invoices.insert({ topupId: topup.id, merchantId: 1, number: "N2", issuedAt: at("10:00:30"), content })).rejects.toThrow();
    await expect(db().stores.invoices.insert({ topupId: other.id, merchantId: 1, number: "N1", issuedAt: at("10:00:30"), content })).rejects.toThrow();
  });
});
