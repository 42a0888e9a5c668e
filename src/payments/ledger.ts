import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { ledgerEntries } from "../../db/schema.js";

/** The balance is never stored: it is the sum of the merchant's ledger rows. */
export function balanceOf(db: Db | Tx, merchantId: number): number {
  const row = db
    .select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.merchantId, merchantId))
    .get();
  return row?.total ?? 0;
}

/** Credits a paid top-up. The unique topup_id makes a second credit for the same payment fail loudly. */
export function creditTopup(tx: Tx, entry: { merchantId: number; amount: number; topupId: number; at: Date }): number {
  tx.insert(ledgerEntries)
    .values({ merchantId: entry.merchantId, amount: entry.amount, kind: "topup", topupId: entry.topupId, createdAt: entry.at })
    .run();
  return balanceOf(tx, entry.merchantId);
}
