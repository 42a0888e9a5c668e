import { inArray, lt, sql } from "drizzle-orm";
import type { WebhookEventStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { webhookEvents } from "../schema.js";
import type { Sync } from "./sync.js";

const queries = preparedPerDb((db) => ({
  record: db
    .insert(webhookEvents)
    .values({
      receivedAt: sql.placeholder("receivedAt"),
      event: sql.placeholder("event"),
      chargeId: sql.placeholder("chargeId"),
      referenceId: sql.placeholder("referenceId"),
      status: sql.placeholder("status"),
      outcome: sql.placeholder("outcome"),
      body: sql.placeholder("body"),
    })
    .prepare(),
}));

export function webhookEventStore(db: Db): Sync<WebhookEventStore> {
  const q = queries(db);
  return {
    record(record, receivedAt) {
      q.record.run({ ...record, receivedAt });
    },
    prune(cutoff, limit) {
      const oldest = db.select({ id: webhookEvents.id }).from(webhookEvents).where(lt(webhookEvents.receivedAt, cutoff)).limit(limit);
      return db.delete(webhookEvents).where(inArray(webhookEvents.id, oldest)).run().changes;
    },
  };
}
