import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { AdjustmentStore } from "../../stores.js";
import { adjustments } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

export function adjustmentStore({ db }: Bound): AdjustmentStore {
  return {
    create: (adjustment) => firstOf(db.insert(adjustments).values(adjustment).onConflictDoNothing({ target: adjustments.requestKey }).returning()),
    byRequestKey: (requestKey) => firstOf(db.select().from(adjustments).where(eq(adjustments.requestKey, requestKey))),
    ofMerchant: (merchantId, limit, offset) =>
      db.select().from(adjustments).where(eq(adjustments.merchantId, merchantId)).orderBy(desc(adjustments.createdAt), desc(adjustments.id)).limit(limit).offset(offset),
    between: (from, to) =>
      db.select().from(adjustments).where(and(gte(adjustments.createdAt, from), lt(adjustments.createdAt, to))).orderBy(asc(adjustments.createdAt), asc(adjustments.id)),
  };
}
