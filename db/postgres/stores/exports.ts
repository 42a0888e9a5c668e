import { and, asc, eq, gt, gte, lt, or } from "drizzle-orm";
import type { ExportCursor, ExportStore } from "../../stores.js";
import { invoices, merchants, topups } from "../schema.js";
import type { Bound } from "./executor.js";

const afterCursor = (after: ExportCursor | null) =>
  after ? or(gt(topups.createdAt, after.createdAt), and(eq(topups.createdAt, after.createdAt), gt(topups.id, after.id))) : undefined;

export function exportStore({ db }: Bound): ExportStore {
  return {
    topupsBetween: (from, to, after, limit) =>
      db
        .select({
          id: topups.id,
          createdAt: topups.createdAt,
          merchantId: topups.merchantId,
          firstName: merchants.firstName,
          lastName: merchants.lastName,
          username: merchants.username,
          storeName: merchants.storeName,
          channelCode: topups.channelCode,
          phone: topups.phone,
          amount: topups.amount,
          status: topups.status,
          referenceId: topups.referenceId,
          chargeId: topups.chargeId,
          invoiceNumber: invoices.number,
        })
        .from(topups)
        .innerJoin(merchants, eq(merchants.id, topups.merchantId))
        .leftJoin(invoices, eq(invoices.topupId, topups.id))
        .where(and(gte(topups.createdAt, from), lt(topups.createdAt, to), afterCursor(after)))
        .orderBy(asc(topups.createdAt), asc(topups.id))
        .limit(limit),
  };
}
