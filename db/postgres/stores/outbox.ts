import { and, asc, eq, getTableColumns, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { OutboxStore } from "../../stores.js";
import { outbox } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

const older = alias(outbox, "older");

export function outboxStore({ db }: Bound): OutboxStore {
  /** Pending, its time come, nobody sending it, and its chat's older rows done (see OutboxStore.claimDue). */
  const due = (now: Date) =>
    and(
      eq(outbox.status, "pending"),
      lte(outbox.nextAttemptAt, now),
      or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now)),
      // The literal matches the outbox_chat_pending index's condition, also in a generic plan.
      notExists(
        db
          .select({ id: older.id })
          .from(older)
          .where(and(eq(older.chatId, outbox.chatId), sql`${older.status} = 'pending'`, lt(older.id, outbox.id))),
      ),
    );
  return {
    async enqueue(message, now) {
      await db
        .insert(outbox)
        .values({ ...message, status: "pending", nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing({ target: outbox.dedupeKey });
    },
    byId: (id) => firstOf(db.select().from(outbox).where(eq(outbox.id, id))),
    async claimDue(now, until, limit) {
      // Locked as they are chosen, and skipped by everyone else meanwhile: two instances claiming at once get
      // different rows; a chat's next row is not due while its older one is pending, claimed or not.
      const next = db
        .$with("next")
        .as(db.select({ id: outbox.id }).from(outbox).where(due(now)).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(limit).for("update", { skipLocked: true }));
      const rows = await db.with(next).update(outbox).set({ claimedUntil: until }).from(next).where(eq(outbox.id, next.id)).returning(getTableColumns(outbox));
      return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
    },
    hasDue: async (now) => (await db.select({ id: outbox.id }).from(outbox).where(due(now)).limit(1)).length > 0,
    async markSent(ids, now) {
      if (ids.length > 0) await db.update(outbox).set({ status: "sent", sentAt: now, claimedUntil: null }).where(inArray(outbox.id, [...ids]));
    },
    async markRetry(row, retryAt, error) {
      await db.update(outbox).set({ attempts: row.attempts + 1, nextAttemptAt: retryAt, lastError: error, claimedUntil: null }).where(eq(outbox.id, row.id));
    },
    async markDead(row, error) {
      await db.update(outbox).set({ status: "dead", attempts: row.attempts + 1, lastError: error, claimedUntil: null }).where(eq(outbox.id, row.id));
    },
  };
}
