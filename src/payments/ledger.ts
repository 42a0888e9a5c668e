import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/sqlite/client.js";
import { preparedPerDb } from "../../db/sqlite/prepared.js";
import { ledgerEntries } from "../../db/sqlite/schema.js";

const queries = preparedPerDb((db) => ({
  balance: db
    .select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.merchantId, sql.placeholder("merchantId")))
    .prepare(),
  credit: db
    .insert(ledgerEntries)
    .values({
      merchantId: sql.placeholder("merchantId"),
      amount: sql.placeholder("amount"),
      kind: "topup",
      topupId: sql.placeholder("topupId"),
      createdAt: sql.placeholder("at"),
    })
    .prepare(),
}));

/** The balance is never stored: it is the sum of the merchant's ledger rows. */
export function balanceOf(db: Db, merchantId: number): number {
  return queries(db).balance.get({ merchantId })?.total ?? 0;
}

/**
 * Credits a paid top-up; call it inside the transaction that marks the top-up paid. The unique topup_id makes
 * a second credit for the same payment fail loudly. Returns the balance after the credit.
 */
export function creditTopup(db: Db, entry: { merchantId: number; amount: number; topupId: number; at: Date }): number {
  queries(db).credit.run(entry);
  return balanceOf(db, entry.merchantId);
}
