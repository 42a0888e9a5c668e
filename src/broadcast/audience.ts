import { and, isNull, sql, type SQL } from "drizzle-orm";
import type { BroadcastAudience } from "../../db/rows.js";
import { merchants, topups } from "../../db/sqlite/schema.js";

/** Merchants a broadcast may reach at all: not blocked, not opted out. */
export const reachable: SQL = and(isNull(merchants.blockedAt), isNull(merchants.mutedAt))!;

const hasPaid = sql`exists (select 1 from ${topups} where ${topups.merchantId} = ${merchants.id} and ${topups.status} = 'succeeded')`;

/** The condition on `merchants` that picks an audience. */
export function audienceFilter(audience: BroadcastAudience): SQL {
  switch (audience) {
    case "all":
      return reachable;
    case "paid":
      return and(reachable, hasPaid)!;
    case "never_paid":
      return and(reachable, sql`not ${hasPaid}`)!;
  }
}
