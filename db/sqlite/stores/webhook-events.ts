import { inArray, lt, sql } from "drizzle-orm";
import type { WebhookEventStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { callbackRepeats, webhookEvents } from "../schema.js";
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
  countRepeats: db
    .insert(callbackRepeats)
    .values({
      referenceId: sql.placeholder("referenceId"),
      chargeId: sql.placeholder("chargeId"),
      event: sql.placeholder("event"),
      status: sql.placeholder("status"),
      outcome: sql.placeholder("outcome"),
      count: sql.placeholder("count"),
      firstAt: sql.placeholder("at"),
      lastAt: sql.placeholder("at"),
    })
    .onConflictDoUpdate({
      target: [callbackRepeats.referenceId, callbackRepeats.chargeId, callbackRepeats.event, callbackRepeats.status],
      set: { count: sql`${callbackRepeats.count} + excluded.count`, outcome: sql`excluded.outcome`, lastAt: sql`excluded.last_at` },
    })
    .returning({ count: callbackRepeats.count })
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
    countRepeats: (repeat, count, at) => q.countRepeats.get({ ...repeat, count, at }).count,
    pruneRepeats(cutoff) {
      db.delete(callbackRepeats).where(lt(callbackRepeats.lastAt, cutoff)).run();
    },
  };
}
