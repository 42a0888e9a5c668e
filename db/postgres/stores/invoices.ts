import { and, eq, sql } from "drizzle-orm";
import type { InvoiceStore } from "../../stores.js";
import { invoiceCounters, invoices } from "../schema.js";
import { firstOf, returnedOf, type Bound } from "./executor.js";

export function invoiceStore({ db }: Bound): InvoiceStore {
  return {
    // The conflicting row stays locked until the crediting transaction ends: a concurrent confirmation waits and
    // then counts on from the committed value (or from the same one, when this transaction rolled back).
    reserveNumbers: async (period, count) =>
      (
        await returnedOf(
          db
            .insert(invoiceCounters)
            .values({ period, lastValue: count })
            .onConflictDoUpdate({ target: invoiceCounters.period, set: { lastValue: sql`${invoiceCounters.lastValue} + excluded.last_value` } })
            .returning({ lastValue: invoiceCounters.lastValue }),
        )
      ).lastValue,
    async insert(invoice) {
      await db.insert(invoices).values(invoice);
    },
    ofTopup: (merchantId, topupId) => firstOf(db.select().from(invoices).where(and(eq(invoices.topupId, topupId), eq(invoices.merchantId, merchantId)))),
    async rememberFileId(id, fileId) {
      await db.update(invoices).set({ telegramFileId: fileId }).where(eq(invoices.id, id));
    },
  };
}
