import { count, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { FINAL_TOPUP, OPEN_TOPUP } from "../../store-rules.js";
import type { StatsStore } from "../../stores.js";
import { adjustments, ledgerEntries, merchants, topups } from "../schema.js";
import type { Bound } from "./executor.js";
import { ledgerTotal } from "./ledger.js";

// pg returns count (bigint) and sum (bigint, numeric) as strings: every aggregate maps to a number.
const countIf = (where: SQL) => sql`count(*) filter (where ${where})`.mapWith(Number);
const succeeded = eq(topups.status, "succeeded");

export function statsStore({ db }: Bound): StatsStore {
  return {
    async merchants() {
      const [row] = await db.select({ total: count(), blocked: count(merchants.blockedAt), muted: count(merchants.mutedAt) }).from(merchants);
      return row ?? { total: 0, blocked: 0, muted: 0 };
    },
    async topupsSince(since) {
      const [row] = await db
        .select({
          started: count(),
          succeeded: countIf(succeeded),
          finalised: countIf(inArray(topups.status, FINAL_TOPUP)),
          amount: sql`coalesce(sum(${topups.amount}) filter (where ${succeeded}), 0)`.mapWith(Number),
        })
        .from(topups)
        .where(gte(topups.createdAt, since));
      return row ?? { started: 0, succeeded: 0, finalised: 0, amount: 0 };
    },
    async open() {
      const [row] = await db
        .select({ count: count(), amount: sql`coalesce(sum(${topups.amount}), 0)`.mapWith(Number) })
        .from(topups)
        .where(inArray(topups.status, OPEN_TOPUP));
      return row ?? { count: 0, amount: 0 };
    },
    async adjustmentsSince(since) {
      const [row] = await db
        .select({ count: count(), net: sql`coalesce(sum(${adjustments.amount}), 0)`.mapWith(Number) })
        .from(adjustments)
        .where(gte(adjustments.createdAt, since));
      return row ?? { count: 0, net: 0 };
    },
    outstanding: async () => (await db.select({ total: ledgerTotal }).from(ledgerEntries))[0]?.total ?? 0,
  };
}
