import { asc, inArray, lt, sql } from "drizzle-orm";
import type { WebhookEventStore } from "../../stores.js";
import { callbackRepeats, webhookEvents } from "../schema.js";
import type { Bound } from "./executor.js";

export function webhookEventStore({ db }: Bound): WebhookEventStore {
  return {
    async record(record, receivedAt) {
      await db.insert(webhookEvents).values({ ...record, receivedAt });
    },
    async prune(cutoff, limit) {
      const oldest = db
        .select({ id: webhookEvents.id })
        .from(webhookEvents)
        .where(lt(webhookEvents.receivedAt, cutoff))
        .orderBy(asc(webhookEvents.receivedAt))
        .limit(limit);
      return (await db.delete(webhookEvents).where(inArray(webhookEvents.id, oldest))).rowCount ?? 0;
    },
    async countRepeats(repeat, count, at) {
      const [row] = await db
        .insert(callbackRepeats)
        .values({ ...repeat, count, firstAt: at, lastAt: at })
        .onConflictDoUpdate({
          target: [callbackRepeats.referenceId, callbackRepeats.chargeId, callbackRepeats.event, callbackRepeats.status],
          set: { count: sql`${callbackRepeats.count} + excluded.count`, outcome: sql`excluded.outcome`, lastAt: sql`excluded.last_at` },
        })
        .returning({ count: callbackRepeats.count });
      return row!.count;
    },
    async pruneRepeats(cutoff) {
      await db.delete(callbackRepeats).where(lt(callbackRepeats.lastAt, cutoff));
    },
  };
}
