import { and, asc, eq, getTableColumns, isNull, lte, or } from "drizzle-orm";
import type { OutboxStore } from "../../stores.js";
import { outbox } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

export function outboxStore({ db }: Bound): OutboxStore {
  /** Pending, its time come, and nobody sending it. */
  const waiting = (now: Date) =>
    and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now)));
  return {
    async enqueue(message, now) {
      await db
        .insert(outbox)
        .values({ ...message, status: "pending", nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing({ target: outbox.dedupeKey });
    },
    byId: (id) => firstOf(db.select().from(outbox).where(eq(outbox.id, id))),
    claimNext(now, until) {
      // Locked as it is chosen, and skipped by everyone else meanwhile: two instances claiming at once get two rows.
      const next = db
        .$with("next")
        .as(db.select({ id: outbox.id }).from(outbox).where(waiting(now)).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(1).for("update", { skipLocked: true }));
      return firstOf(db.with(next).update(outbox).set({ claimedUntil: until }).from(next).where(eq(outbox.id, next.id)).returning(getTableColumns(outbox)));
    },
    hasDue: async (now) => (await db.select({ id: outbox.id }).from(outbox).where(waiting(now)).limit(1)).length > 0,
    async markSent(id, now) {
      await db.update(outbox).set({ status: "sent", sentAt: now, claimedUntil: null }).where(eq(outbox.id, id));
    },
    async markRetry(row, retryAt, error) {
      await db.update(outbox).set({ attempts: row.attempts + 1, nextAttemptAt: retryAt, lastError: error, claimedUntil: null }).where(eq(outbox.id, row.id));
    },
    async markDead(row, error) {
      await db.update(outbox).set({ status: "dead", attempts: row.attempts + 1, lastError: error, claimedUntil: null }).where(eq(outbox.id, row.id));
    },
  };
}
