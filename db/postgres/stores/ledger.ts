import { eq, sql } from "drizzle-orm";
import type { LedgerStore } from "../../stores.js";
import { ledgerEntries, merchants } from "../schema.js";
import type { Bound } from "./executor.js";

/** sum(bigint) is numeric, which pg returns as a string. */
export const ledgerTotal = sql`coalesce(sum(${ledgerEntries.amount}), 0)`.mapWith(Number);

export function ledgerStore({ db }: Bound): LedgerStore {
  return {
    async credit({ merchantId, amount, topupId, at }) {
      await db.insert(ledgerEntries).values({ merchantId, amount, kind: "topup", topupId, createdAt: at });
    },
    async adjust({ merchantId, amount, adjustmentId, at }) {
      await db.insert(ledgerEntries).values({ merchantId, amount, kind: "adjustment", adjustmentId, createdAt: at });
    },
    // The merchant's row stands for their balance: a second debit waits here until the first has committed.
    async lockBalance(merchantId) {
      await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, merchantId)).for("update");
    },
    balanceOf: async (merchantId) =>
      (await db.select({ total: ledgerTotal }).from(ledgerEntries).where(eq(ledgerEntries.merchantId, merchantId)))[0]?.total ?? 0,
  };
}
