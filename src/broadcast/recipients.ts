import type { Database, TransactionStores } from "../../db/database.js";
import type { BroadcastRow, RecipientStatus } from "../../db/rows.js";
import type { RecipientKey, Stores } from "../../db/stores.js";
import { languageOf, type Language } from "../merchants/merchant-service.js";

export type { RecipientStatus } from "../../db/rows.js";
export type { RecipientKey } from "../../db/stores.js";
export type RecipientCounts = Record<RecipientStatus, number>;

/** One copy to send: claimed (status `sending`) before the call is made. */
export interface Delivery extends RecipientKey {
  chatId: number;
  sourceChatId: number;
  sourceMessageId: number;
  /** Including this one. */
  attempts: number;
  language: Language;
}

export async function countsOf(stores: Stores, broadcastId: number): Promise<RecipientCounts> {
  return { pending: 0, sending: 0, sent: 0, failed: 0, blocked: 0, skipped: 0, ...(await stores.recipients.counts(broadcastId)) };
}

/**
 * Marks the recipients `sending` right before their calls, those still due: the broadcast may have been
 * cancelled, and a merchant may have blocked the bot or opted out since the broadcast was created. The
 * candidates' rows stay locked until the commit, so of two instances claiming one copy only the first sends.
 * One transaction for all of `keys`: one commit for the next few copies instead of one each.
 */
export function claim(database: Database, keys: readonly RecipientKey[]): Promise<Delivery[]> {
  return database.transaction(async (stores) => {
    const deliveries: Delivery[] = [];
    for (const key of keys) {
      const delivery = await claimOne(stores, key);
      if (delivery) deliveries.push(delivery);
    }
    return deliveries;
  });
}

async function claimOne(stores: TransactionStores, key: RecipientKey): Promise<Delivery | undefined> {
  const row = await stores.recipients.candidate(key);
  if (!row || row.status !== "pending" || row.broadcastStatus !== "running") return undefined;
  if (row.blockedAt || row.mutedAt) {
    const status = row.blockedAt ? "blocked" : "skipped";
    await stores.recipients.update(key, { status, error: row.blockedAt ? "blocked before sending" : "muted" });
    return undefined;
  }
  const attempts = row.attempts + 1;
  await stores.recipients.update(key, { status: "sending", attempts, nextAttemptAt: null });
  return {
    ...key,
    chatId: row.chatId,
    sourceChatId: row.sourceChatId,
    sourceMessageId: row.sourceMessageId,
    attempts,
    language: languageOf(row),
  };
}

/* The outcomes below take a transaction's stores: the worker commits several copies' outcomes together. */

export function markSent(stores: TransactionStores, key: RecipientKey, now: Date): Promise<void> {
  return stores.recipients.update(key, { status: "sent", sentAt: now, error: null });
}

/** 403: this merchant blocked the bot; later broadcasts skip them until they write to the bot again. */
export async function markBlocked(stores: TransactionStores, key: RecipientKey, now: Date, error: string): Promise<void> {
  await stores.recipients.update(key, { status: "blocked", error });
  await stores.merchants.markBlocked({ id: key.merchantId }, now);
}

export function markFailed(stores: TransactionStores, key: RecipientKey, error: string): Promise<void> {
  return stores.recipients.update(key, { status: "failed", error });
}

/**
 * Not delivered, try again (at `retryAt`, or as soon as the pace allows when null); `error` unchanged when not
 * given (claimed but never sent). If the broadcast was cancelled while the call was in flight, the copy is skipped
 * like the other unsent ones: a pending row of a cancelled broadcast would never be sent and would hold back its
 * final report for ever.
 */
export async function release(stores: TransactionStores, key: RecipientKey, fields: { attempts: number; retryAt: Date | null; error?: string }): Promise<void> {
  const broadcast = await stores.broadcasts.byId(key.broadcastId);
  const retry = broadcast?.status === "running";
  await stores.recipients.update(
    key,
    retry
      ? { status: "pending", attempts: fields.attempts, nextAttemptAt: fields.retryAt, error: fields.error }
      : { status: "skipped", attempts: fields.attempts, nextAttemptAt: null, error: "cancelled" },
  );
}

/** After the final report went out: running becomes done, cancelled stays cancelled. */
export function markReported(stores: Stores, broadcast: BroadcastRow, now: Date): Promise<void> {
  return stores.broadcasts.markReported(broadcast, now);
}
