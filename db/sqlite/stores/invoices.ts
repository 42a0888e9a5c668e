import { and, eq, sql } from "drizzle-orm";
import type { InvoiceStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { invoiceCounters, invoices } from "../schema.js";
import type { Sync } from "./sync.js";

/** Issuing runs in every payment confirmation: prepared once. */
const queries = preparedPerDb((db) => ({
  reserveNumbers: db
    .insert(invoiceCounters)
    .values({ period: sql.placeholder("period"), lastValue: sql.placeholder("count") })
    .onConflictDoUpdate({ target: invoiceCounters.period, set: { lastValue: sql`${invoiceCounters.lastValue} + excluded.last_value` } })
    .returning({ lastValue: invoiceCounters.lastValue })
    .prepare(),
  insert: db
    .insert(invoices)
    .values({
      topupId: sql.placeholder("topupId"),
      merchantId: sql.placeholder("merchantId"),
      number: sql.placeholder("number"),
      issuedAt: sql.placeholder("issuedAt"),
      content: sql.placeholder("content"),
    })
    .prepare(),
}));

export function invoiceStore(db: Db): Sync<InvoiceStore> {
  const q = queries(db);
  return {
    reserveNumbers: (period, count) => q.reserveNumbers.get({ period, count }).lastValue,
    insert(invoice) {
      q.insert.run(invoice);
    },
    ofTopup: (merchantId, topupId) =>
      db.select().from(invoices).where(and(eq(invoices.topupId, topupId), eq(invoices.merchantId, merchantId))).get(),
    rememberFileId(id, fileId) {
      db.update(invoices).set({ telegramFileId: fileId }).where(eq(invoices.id, id)).run();
    },
  };
}
