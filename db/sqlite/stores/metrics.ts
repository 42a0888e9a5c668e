import { and, count, eq, inArray, lte, sql } from "drizzle-orm";
import { CHECKED_TOPUP } from "../../store-rules.js";
import type { MetricsStore } from "../../stores.js";
import type { Db } from "../client.js";
import { outbox, topups } from "../schema.js";
import type { Sync } from "./sync.js";

export function metricsStore(db: Db): Sync<MetricsStore> {
  return {
    topupCounts: () =>
      db
        .select({ method: topups.channelCode, status: topups.status, count: count() })
        .from(topups)
        .groupBy(topups.channelCode, topups.status)
        .orderBy(topups.channelCode, topups.status)
        .all(),
    outboxBacklog() {
      // The filter runs on the outbox_due index; only the few pending rows are read for their created_at.
      const row = db
        .select({ pending: count(), oldestPendingAt: sql`min(${outbox.createdAt})`.mapWith(outbox.createdAt) })
        .from(outbox)
        .where(eq(outbox.status, "pending"))
        .get();
      return { pending: row?.pending ?? 0, oldestPendingAt: row?.oldestPendingAt ?? null };
    },
    checksDue: (now) =>
      db
        .select({ n: count() })
        .from(topups)
        .where(and(inArray(topups.status, CHECKED_TOPUP), lte(topups.checkAt, now)))
        .get()?.n ?? 0,
  };
}
