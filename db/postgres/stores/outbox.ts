import { and, asc, eq, lte } from "drizzle-orm";
import type { OutboxStore } from "../../stores.js";
import { outbox } from "../schema.js";
import type { Bound } from "./executor.js";

export function outboxStore({ db }: Bound): OutboxStore {
  const due = (now: Date) => and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now));
  return {
    async enqueue(message, now) {
      await db
        .insert(outbox)
        .values({ ...message, status: "pending", nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing({ target: outbox.dedupeKey });
    },
    due: (now, limit) => db.select().from(outbox).where(due(now)).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(limit),
    hasDue: async (now) => (await db.select({ id: outbox.id }).from(outbox).where(due(now)).limit(1)).length > 0,
    async markSent(id, now) {
      await db.update(outbox).set({ status: "sent", sentAt: now }).where(eq(outbox.id, id));
    },
    async markRetry(row, retryAt, error) {
      await db.update(outbox).set({ attempts: row.attempts + 1, nextAttemptAt: retryAt, lastError: error }).where(eq(outbox.id, row.id));
    },
    async markDead(row, error) {
      await db.update(outbox).set({ status: "dead", attempts: row.attempts + 1, lastError: error }).where(eq(outbox.id, row.id));
    },
  };
}
