import { asc, inArray, lt } from "drizzle-orm";
import type { WebhookEventStore } from "../../stores.js";
import { webhookEvents } from "../schema.js";
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
  };
}
