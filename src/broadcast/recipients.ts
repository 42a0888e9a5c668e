import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/sqlite/client.js";
import { broadcastRecipients, broadcasts, merchants } from "../../db/sqlite/schema.js";
import { languageOf, type Language } from "../merchants/merchant-service.js";

export type RecipientStatus = (typeof broadcastRecipients.$inferSelect)["status"];
export type RecipientCounts = Record<RecipientStatus, number>;
type Broadcast = typeof broadcasts.$inferSelect;

export interface RecipientKey {
  broadcastId: number;
  merchantId: number;
}

/** One copy to send: claimed (status `sending`) before the call is made. */
export interface Delivery extends RecipientKey {
  chatId: number;
  sourceChatId: number;
  sourceMessageId: number;
  /** Including this one. */
  attempts: number;
  language: Language;
}

const byKey = (key: RecipientKey) =>
  and(eq(broadcastRecipients.broadcastId, key.broadcastId), eq(broadcastRecipients.merchantId, key.merchantId));

export function countsOf(db: Db, broadcastId: number): RecipientCounts {
  const counts: RecipientCounts = { pending: 0, sending: 0, sent: 0, failed: 0, blocked: 0, skipped: 0 };
  const rows = db
    .select({ status: broadcastRecipients.status, n: sql<number>`count(*)` })
    .from(broadcastRecipients)
    .where(eq(broadcastRecipients.broadcastId, broadcastId))
    .groupBy(broadcastRecipients.status)
    .all();
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Pending recipients of running broadcasts that may be tried now, oldest broadcast first. */
export function dueRecipients(db: Db, now: Date, limit: number): RecipientKey[] {
  return db
    .select({ broadcastId: broadcastRecipients.broadcastId, merchantId: broadcastRecipients.merchantId })
    .from(broadcastRecipients)
    .innerJoin(broadcasts, eq(broadcasts.id, broadcastRecipients.broadcastId))
    .where(
      and(
        eq(broadcasts.status, "running"),
        eq(broadcastRecipients.status, "pending"),
        or(isNull(broadcastRecipients.nextAttemptAt), lte(broadcastRecipients.nextAttemptAt, now)),
      ),
    )
    .orderBy(asc(broadcastRecipients.broadcastId), asc(broadcastRecipients.merchantId))
    .limit(limit)
    .all();
}

/**
 * Marks the recipient `sending` right before the call, if it is still due: the broadcast may have been
 * cancelled, and the merchant may have blocked the bot or opted out since the broadcast was created.
 */
export function claim(db: Db, key: RecipientKey): Delivery | undefined {
  return db.transaction((tx) => {
    const row = tx
      .select({
        status: broadcastRecipients.status,
        attempts: broadcastRecipients.attempts,
        chatId: broadcastRecipients.chatId,
        broadcastStatus: broadcasts.status,
        sourceChatId: broadcasts.sourceChatId,
        sourceMessageId: broadcasts.sourceMessageId,
        blockedAt: merchants.blockedAt,
        mutedAt: merchants.mutedAt,
        language: merchants.language,
        telegramLanguage: merchants.telegramLanguage,
      })
      .from(broadcastRecipients)
      .innerJoin(broadcasts, eq(broadcasts.id, broadcastRecipients.broadcastId))
      .innerJoin(merchants, eq(merchants.id, broadcastRecipients.merchantId))
      .where(byKey(key))
      .get();
    if (!row || row.status !== "pending" || row.broadcastStatus !== "running") return undefined;
    if (row.blockedAt || row.mutedAt) {
      const status = row.blockedAt ? "blocked" : "skipped";
      tx.update(broadcastRecipients).set({ status, error: row.blockedAt ? "blocked before sending" : "muted" }).where(byKey(key)).run();
      return undefined;
    }
    const attempts = row.attempts + 1;
    tx.update(broadcastRecipients).set({ status: "sending", attempts, nextAttemptAt: null }).where(byKey(key)).run();
    return {
      ...key,
      chatId: row.chatId,
      sourceChatId: row.sourceChatId,
      sourceMessageId: row.sourceMessageId,
      attempts,
      language: languageOf(row),
    };
  });
}

export function markSent(db: Db, key: RecipientKey, now: Date): void {
  db.update(broadcastRecipients).set({ status: "sent", sentAt: now, error: null }).where(byKey(key)).run();
}

/** 403: this merchant blocked the bot; later broadcasts skip them until they write to the bot again. */
export function markBlocked(db: Db, key: RecipientKey, now: Date, error: string): void {
  db.transaction((tx) => {
    tx.update(broadcastRecipients).set({ status: "blocked", error }).where(byKey(key)).run();
    tx.update(merchants).set({ blockedAt: now }).where(eq(merchants.id, key.merchantId)).run();
  });
}

export function markFailed(db: Db, key: RecipientKey, error: string): void {
  db.update(broadcastRecipients).set({ status: "failed", error }).where(byKey(key)).run();
}

/**
 * Not delivered, try again (at `retryAt`, or as soon as the pace allows when null). If the broadcast was
 * cancelled while the call was in flight, the copy is skipped like the other unsent ones: a pending row of a
 * cancelled broadcast would never be sent and would hold back its final report for ever.
 */
export function release(db: Db, key: RecipientKey, fields: { attempts: number; retryAt: Date | null; error: string }): void {
  db.transaction((tx) => {
    const broadcast = tx.select({ status: broadcasts.status }).from(broadcasts).where(eq(broadcasts.id, key.broadcastId)).get();
    const retry = broadcast?.status === "running";
    tx.update(broadcastRecipients)
      .set(
        retry
          ? { status: "pending", attempts: fields.attempts, nextAttemptAt: fields.retryAt, error: fields.error }
          : { status: "skipped", attempts: fields.attempts, nextAttemptAt: null, error: "cancelled" },
      )
      .where(byKey(key))
      .run();
  });
}

/**
 * Rows left `sending` by a process that died during the call: Telegram may or may not have delivered
 * them, and we cannot ask. Sending again could give someone a second copy, so they are closed as failed
 * (at most once). Only called at start-up, before this process claims anything.
 */
export function failInterrupted(db: Db): number {
  return db
    .update(broadcastRecipients)
    .set({ status: "failed", error: "interrupted: delivery unknown" })
    .where(eq(broadcastRecipients.status, "sending"))
    .run().changes;
}

/** Running or cancelled broadcasts with nothing left to send whose final report is still owed. */
export function finishedUnreported(db: Db): Broadcast[] {
  const open = sql`exists (select 1 from ${broadcastRecipients} where ${broadcastRecipients.broadcastId} = ${broadcasts.id}
    and ${broadcastRecipients.status} in ('pending', 'sending'))`;
  return db
    .select()
    .from(broadcasts)
    .where(and(inArray(broadcasts.status, ["running", "cancelled"]), isNull(broadcasts.finishedAt), sql`not ${open}`))
    .all();
}

/** After the final report went out: running becomes done, cancelled stays cancelled. */
export function markReported(db: Db, broadcast: Broadcast, now: Date): void {
  db.update(broadcasts)
    .set({ status: broadcast.status === "running" ? "done" : broadcast.status, finishedAt: now })
    .where(and(eq(broadcasts.id, broadcast.id), isNull(broadcasts.finishedAt)))
    .run();
}

/** Running broadcasts whose admin has a progress message to keep up to date. */
export function runningWithProgressMessage(db: Db): Broadcast[] {
  return db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.status, "running"), isNotNull(broadcasts.progressMessageId)))
    .all();
}

export function markProgress(db: Db, broadcastId: number, now: Date): void {
  db.update(broadcasts).set({ progressAt: now }).where(eq(broadcasts.id, broadcastId)).run();
}
