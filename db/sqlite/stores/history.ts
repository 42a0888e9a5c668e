import { count, eq, inArray, sql } from "drizzle-orm";
import { historyEntries, historyOrder, idsOf, type HistoryKey } from "../../store-rules.js";
import type { HistoryStore } from "../../stores.js";
import type { Db } from "../client.js";
import { adjustments, topups } from "../schema.js";
import type { Sync } from "./sync.js";

export function historyStore(db: Db): Sync<HistoryStore> {
  const countOf = (table: typeof topups | typeof adjustments, merchantId: number) =>
    db.select({ n: count() }).from(table).where(eq(table.merchantId, merchantId)).get()?.n ?? 0;
  const keysOf = (table: typeof topups | typeof adjustments, kind: HistoryKey["kind"], merchantId: number) =>
    db
      .select({ kind: sql<HistoryKey["kind"]>`${kind}`.as("kind"), id: table.id, at: sql<number>`${table.createdAt}`.as("at") })
      .from(table)
      .where(eq(table.merchantId, merchantId));
  return {
    countOf: (merchantId) => countOf(topups, merchantId) + countOf(adjustments, merchantId),
    page(merchantId, limit, offset) {
      // The page is chosen over both tables at once; its rows are read after, by id.
      const keys = keysOf(topups, "topup", merchantId)
        .unionAll(keysOf(adjustments, "adjustment", merchantId))
        .orderBy(...historyOrder)
        .limit(limit)
        .offset(offset)
        .all();
      const topupIds = idsOf(keys, "topup");
      const adjustmentIds = idsOf(keys, "adjustment");
      const topupRows = topupIds.length > 0 ? db.select().from(topups).where(inArray(topups.id, topupIds)).all() : [];
      const adjustmentRows = adjustmentIds.length > 0 ? db.select().from(adjustments).where(inArray(adjustments.id, adjustmentIds)).all() : [];
      return historyEntries(keys, topupRows, adjustmentRows);
    },
  };
}
