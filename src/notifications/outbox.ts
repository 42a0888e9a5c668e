import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/sqlite/client.js";
import { preparedPerDb } from "../../db/sqlite/prepared.js";
import { outbox } from "../../db/sqlite/schema.js";

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxMessage {
  /** Identifies the event; enqueueing the same key twice keeps the first row only. */
  dedupeKey: string;
  chatId: number;
  kind: string;
  payload: Record<string, unknown>;
}

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

/** Call it inside the transaction that makes the change being announced. */
export function enqueue(db: Db, message: OutboxMessage, now: Date): void {
  queries(db).enqueue.run({ ...message, now });
}

export function dueMessages(db: Db, now: Date, limit: number): OutboxRow[] {
  return queries(db).due.all({ nowMs: now.getTime(), limit });
}

export function markSent(db: Db, id: number, now: Date): void {
  queries(db).sent.run({ id, nowMs: now.getTime() });
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
