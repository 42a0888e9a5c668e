import { and, asc, eq, lte } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { outbox } from "../../db/schema.js";

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxMessage {
  /** Identifies the event; enqueueing the same key twice keeps the first row only. */
  dedupeKey: string;
  chatId: number;
  kind: string;
  payload: Record<string, unknown>;
}

/** Called inside the transaction that makes the change being announced. */
export function enqueue(tx: Tx, message: OutboxMessage, now: Date): void {
  tx.insert(outbox)
    .values({ ...message, status: "pending", nextAttemptAt: now, createdAt: now })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .run();
}

export function dueMessages(db: Db, now: Date, limit: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
}

export function markSent(db: Db, id: number, now: Date): void {
  db.update(outbox).set({ status: "sent", sentAt: now }).where(eq(outbox.id, id)).run();
}

export function markRetry(db: Db, row: OutboxRow, retryAt: Date, error: string): void {
  db.update(outbox)
    .set({ attempts: row.attempts + 1, nextAttemptAt: retryAt, lastError: error })
    .where(eq(outbox.id, row.id))
    .run();
}

/** Gives up on a message Telegram will never accept (chat gone, bot blocked). */
export function markDead(db: Db, row: OutboxRow, error: string): void {
  db.update(outbox)
    .set({ status: "dead", attempts: row.attempts + 1, lastError: error })
    .where(eq(outbox.id, row.id))
    .run();
}

/** Whether a notification is waiting to be sent now (broadcasts give way to it). */
export function hasDueMessages(db: Db, now: Date): boolean {
  return (
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
      .limit(1)
      .get() !== undefined
  );
}
