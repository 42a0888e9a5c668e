import { and, asc, eq, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { OutboxStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { outbox } from "../schema.js";
import type { Sync } from "./sync.js";

/** Pending, its time come, and nobody sending it. */
const waiting = (now: Date | SQL) =>
  and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now)));

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
  // One statement on the one connection: nothing can claim the row between the choice and the update.
  claimNext: db
    .update(outbox)
    // Placeholders in SET are not encoded by drizzle: the time goes in as epoch milliseconds, as stored.
    .set({ claimedUntil: sql`${sql.placeholder("untilMs")}` })
    .where(
      eq(
        outbox.id,
        db
          .select({ id: outbox.id })
          .from(outbox)
          .where(waiting(sql`${sql.placeholder("nowMs")}`))
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(1),
      ),
    )
    .returning()
    .prepare(),
  sent: db
    .update(outbox)
    .set({ status: "sent", sentAt: sql`${sql.placeholder("nowMs")}`, claimedUntil: null })
    .where(eq(outbox.id, sql.placeholder("id")))
    .prepare(),
}));

export function outboxStore(db: Db): Sync<OutboxStore> {
  const q = queries(db);
  return {
    enqueue(message, now) {
      q.enqueue.run({ ...message, now });
    },
    byId: (id) => db.select().from(outbox).where(eq(outbox.id, id)).get(),
    claimNext: (now, until) => q.claimNext.get({ nowMs: now.getTime(), untilMs: until.getTime() }),
    hasDue: (now) => db.select({ id: outbox.id }).from(outbox).where(waiting(now)).limit(1).get() !== undefined,
    markSent(id, now) {
      q.sent.run({ id, nowMs: now.getTime() });
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
