import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { OutboxStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { outbox } from "../schema.js";
import type { Sync } from "./sync.js";

const queries = preparedPerDb((db) => ({
  enqueue: db
    .insert(outbox)
    .values({
      dedupeKey: sql.placeholder("dedupeKey"),
      chatId: sql.placeholder("chatId"),
      kind: sql.placeholder("kind"),
      payload: sql.placeholder("payload"),
      status: "pending",
      nextAttemptAt: sql.placeholder("now"),
      createdAt: sql.placeholder("now"),
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .prepare(),
  due: db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, sql`${sql.placeholder("nowMs")}`)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
  sent: db
    .update(outbox)
    .set({ status: "sent", sentAt: sql`${sql.placeholder("nowMs")}` })
    .where(eq(outbox.id, sql.placeholder("id")))
    .prepare(),
}));

export function outboxStore(db: Db): Sync<OutboxStore> {
  const q = queries(db);
  return {
    enqueue(message, now) {
      q.enqueue.run({ ...message, now });
    },
    due: (now, limit) => q.due.all({ nowMs: now.getTime(), limit }),
    hasDue: (now) =>
      db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
        .limit(1)
        .get() !== undefined,
    markSent(id, now) {
      q.sent.run({ id, nowMs: now.getTime() });
    },
    markRetry(row, retryAt, error) {
      db.update(outbox).set({ attempts: row.attempts + 1, nextAttemptAt: retryAt, lastError: error }).where(eq(outbox.id, row.id)).run();
    },
    markDead(row, error) {
      db.update(outbox).set({ status: "dead", attempts: row.attempts + 1, lastError: error }).where(eq(outbox.id, row.id)).run();
    },
  };
}
