import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { OutboxStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { outbox } from "../schema.js";
import type { Sync } from "./sync.js";

const older = alias(outbox, "older");

/** Pending, its time come, nobody sending it, and its chat's older rows done (see OutboxStore.claimDue). */
const due = (db: Db, now: Date | SQL) =>
  and(
    eq(outbox.status, "pending"),
    lte(outbox.nextAttemptAt, now),
    or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now)),
    // The literal matches the outbox_chat_pending index's condition, so SQLite can use it.
    notExists(
      db
        .select({ id: older.id })
        .from(older)
        .where(and(eq(older.chatId, outbox.chatId), sql`${older.status} = 'pending'`, lt(older.id, outbox.id))),
    ),
  );

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
  // One statement on the one connection: nothing can claim the rows between the choice and the update.
  claimDue: db
    .update(outbox)
    // Placeholders in SET are not encoded by drizzle: the time goes in as epoch milliseconds, as stored.
    .set({ claimedUntil: sql`${sql.placeholder("untilMs")}` })
    .where(
      inArray(
        outbox.id,
        db
          .select({ id: outbox.id })
          .from(outbox)
          .where(due(db, sql`${sql.placeholder("nowMs")}`))
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(sql.placeholder("limit")),
      ),
    )
    .returning()
    .prepare(),
}));

export function outboxStore(db: Db): Sync<OutboxStore> {
  const q = queries(db);
  return {
    enqueue(message, now) {
      q.enqueue.run({ ...message, now });
    },
    byId: (id) => db.select().from(outbox).where(eq(outbox.id, id)).get(),
    claimDue: (now, until, limit) =>
      q.claimDue
        .all({ nowMs: now.getTime(), untilMs: until.getTime(), limit })
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id),
    hasDue: (now) => db.select({ id: outbox.id }).from(outbox).where(due(db, now)).limit(1).get() !== undefined,
    markSent(ids, now) {
      if (ids.length > 0) db.update(outbox).set({ status: "sent", sentAt: now, claimedUntil: null }).where(inArray(outbox.id, [...ids])).run();
    },
    markRetry(row, retryAt, error) {
      db.update(outbox)
        .set({ attempts: row.attempts + 1, nextAttemptAt: retryAt, lastError: error, claimedUntil: null })
        .where(eq(outbox.id, row.id))
        .run();
    },
    markDead(row, error) {
      db.update(outbox).set({ status: "dead", attempts: row.attempts + 1, lastError: error, claimedUntil: null }).where(eq(outbox.id, row.id)).run();
    },
  };
}
