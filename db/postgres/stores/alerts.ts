import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { AlertStore } from "../../stores.js";
import { alerts } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

export function alertStore({ db }: Bound): AlertStore {
  return {
    // Of two instances raising the same alert, the second's update waits for the first's and then finds it raised.
    async raise(key, now) {
      await db.insert(alerts).values({ key, raisedAt: null }).onConflictDoNothing({ target: alerts.key });
      const raised = await db.update(alerts).set({ raisedAt: now }).where(and(eq(alerts.key, key), isNull(alerts.raisedAt))).returning({ key: alerts.key });
      return raised.length > 0;
    },
    isRaised: async (key) => (await firstOf(db.select({ raisedAt: alerts.raisedAt }).from(alerts).where(eq(alerts.key, key))))?.raisedAt != null,
    async clear(key, now) {
      const cleared = await db.update(alerts).set({ raisedAt: null, clearedAt: now }).where(and(eq(alerts.key, key), isNotNull(alerts.raisedAt))).returning({ key: alerts.key });
      return cleared.length > 0;
    },
  };
}
