import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { AdjustmentStore } from "../../stores.js";
import type { Db } from "../client.js";
import { adjustments } from "../schema.js";
import type { Sync } from "./sync.js";

export function adjustmentStore(db: Db): Sync<AdjustmentStore> {
  return {
    create: (adjustment) => db.insert(adjustments).values(adjustment).onConflictDoNothing({ target: adjustments.requestKey }).returning().get(),
    byRequestKey: (requestKey) => db.select().from(adjustments).where(eq(adjustments.requestKey, requestKey)).get(),
    ofMerchant: (merchantId, limit, offset) =>
      db.select().from(adjustments).where(eq(adjustments.merchantId, merchantId)).orderBy(desc(adjustments.createdAt), desc(adjustments.id)).limit(limit).offset(offset).all(),
    between: (from, to) =>
      db.select().from(adjustments).where(and(gte(adjustments.createdAt, from), lt(adjustments.createdAt, to))).orderBy(asc(adjustments.createdAt), asc(adjustments.id)).all(),
  };
}
