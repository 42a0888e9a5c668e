import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { AlertStore } from "../../stores.js";
import type { Db } from "../client.js";
import { alerts } from "../schema.js";
import type { Sync } from "./sync.js";

export function alertStore(db: Db): Sync<AlertStore> {
  return {
    raise(key, now) {
      db.insert(alerts).values({ key, raisedAt: null }).onConflictDoNothing({ target: alerts.key }).run();
      return db.update(alerts).set({ raisedAt: now }).where(and(eq(alerts.key, key), isNull(alerts.raisedAt))).run().changes > 0;
    },
    isRaised: (key) => db.select({ raisedAt: alerts.raisedAt }).from(alerts).where(eq(alerts.key, key)).get()?.raisedAt != null,
    clear: (key, now) => db.update(alerts).set({ raisedAt: null, clearedAt: now }).where(and(eq(alerts.key, key), isNotNull(alerts.raisedAt))).run().changes > 0,
  };
}
