import { count, eq, inArray, sql } from "drizzle-orm";
import { historyEntries, historyOrder, idsOf, type HistoryKey } from "../../store-rules.js";
import type { HistoryStore } from "../../stores.js";
import { adjustments, topups } from "../schema.js";
import type { Bound } from "./executor.js";

export function historyStore({ db }: Bound): HistoryStore {
  const countOf = async (table: typeof topups | typeof adjustments, merchantId: number) =>
    (await db.select({ n: count() }).from(table).where(eq(table.merchantId, merchantId)))[0]?.n ?? 0;
  const keysOf = (table: typeof topups | typeof adjustments, kind: HistoryKey["kind"], merchantId: number) =>
    db
      .select({ kind: sql<HistoryKey["kind"]>`${kind}::text`.as("kind"), id: table.id, at: sql<Date>`${table.createdAt}`.as("at") })
      .from(table)
      .where(eq(table.merchantId, merchantId));
  return {
    countOf: async (merchantId) => (await countOf(topups, merchantId)) + (await countOf(adjustments, merchantId)),
    async page(merchantId, limit, offset) {
      // The page is chosen over both tables at once; its rows are read after, by id (rows are never deleted).
      const keys = await keysOf(topups, "topup", merchantId)
        .unionAll(keysOf(adjustments, "adjustment", merchantId))
        .orderBy(...historyOrder)
        .limit(limit)
        .offset(offset);
      const topupIds = idsOf(keys, "topup");
      const adjustmentIds = idsOf(keys, "adjustment");
      const [topupRows, adjustmentRows] = await Promise.all([
        topupIds.length > 0 ? db.select().from(topups).where(inArray(topups.id, topupIds)) : [],
        adjustmentIds.length > 0 ? db.select().from(adjustments).where(inArray(adjustments.id, adjustmentIds)) : [],
      ]);
      return historyEntries(keys, topupRows, adjustmentRows);
    },
  };
}
