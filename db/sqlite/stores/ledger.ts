import { eq, sql } from "drizzle-orm";
import type { LedgerStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { ledgerEntries } from "../schema.js";
import type { Sync } from "./sync.js";

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

export function ledgerStore(db: Db): Sync<LedgerStore> {
  const q = queries(db);
  return {
    credit(entry) {
      q.credit.run(entry);
    },
    adjust({ merchantId, amount, adjustmentId, at }) {
      db.insert(ledgerEntries).values({ merchantId, amount, kind: "adjustment", adjustmentId, createdAt: at }).run();
    },
    // Every SQLite transaction holds the whole database already.
    lockBalance() {},
    balanceOf: (merchantId) => q.balance.get({ merchantId })?.total ?? 0,
  };
}
