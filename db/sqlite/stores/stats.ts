import { gte, inArray, sql } from "drizzle-orm";
import { FINAL_TOPUP, OPEN_TOPUP } from "../../store-rules.js";
import type { StatsStore } from "../../stores.js";
import type { Db } from "../client.js";
import { adjustments, ledgerEntries, merchants, topups } from "../schema.js";
import type { Sync } from "./sync.js";

const count = sql<number>`count(*)`;

export function statsStore(db: Db): Sync<StatsStore> {
  return {
    merchants() {
      const row = db
        .select({ total: count, blocked: sql<number>`count(${merchants.blockedAt})`, muted: sql<number>`count(${merchants.mutedAt})` })
        .from(merchants)
        .get();
      return { total: row?.total ?? 0, blocked: row?.blocked ?? 0, muted: row?.muted ?? 0 };
    },
    topupsSince(since) {
      const row = db
        .select({
          started: count,
          succeeded: sql<number>`count(*) filter (where ${topups.status} = 'succeeded')`,
          finalised: sql<number>`count(*) filter (where ${inArray(topups.status, FINAL_TOPUP)})`,
          amount: sql<number>`coalesce(sum(${topups.amount}) filter (where ${topups.status} = 'succeeded'), 0)`,
        })
        .from(topups)
        .where(gte(topups.createdAt, since))
        .get();
      return { started: row?.started ?? 0, succeeded: row?.succeeded ?? 0, finalised: row?.finalised ?? 0, amount: row?.amount ?? 0 };
    },
    open() {
      const row = db
        .select({ count, amount: sql<number>`coalesce(sum(${topups.amount}), 0)` })
        .from(topups)
        .where(inArray(topups.status, OPEN_TOPUP))
        .get();
      return { count: row?.count ?? 0, amount: row?.amount ?? 0 };
    },
    adjustmentsSince(since) {
      const row = db
        .select({ count, net: sql<number>`coalesce(sum(${adjustments.amount}), 0)` })
        .from(adjustments)
        .where(gte(adjustments.createdAt, since))
        .get();
      return { count: row?.count ?? 0, net: row?.net ?? 0 };
    },
    outstanding: () => db.select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` }).from(ledgerEntries).get()?.total ?? 0,
  };
}
