import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { CHECKED_TOPUP, OPEN_TOPUP, paidFields } from "../../store-rules.js";
import type { TopupStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { topups } from "../schema.js";
import type { Sync } from "./sync.js";

/** Open, or expired with a re-check planned; its check due; and nobody checking it. */
const checkWaiting = (now: Date) =>
  and(inArray(topups.status, CHECKED_TOPUP), lte(topups.checkAt, now), or(isNull(topups.claimedUntil), lte(topups.claimedUntil, now)));

const activeBetween = (from: Date, to: Date) =>
  or(and(gte(topups.createdAt, from), lt(topups.createdAt, to)), and(gte(topups.finalizedAt, from), lt(topups.finalizedAt, to)));

/** What a callback is first judged by, on the read connection (db/sqlite/database.ts): only the columns it needs. */
export const topupStateByReference = (db: Db) =>
  db
    .select({ status: topups.status, chargeId: topups.chargeId, amount: topups.amount, currency: topups.currency })
    .from(topups)
    .where(eq(topups.referenceId, sql.placeholder("referenceId")))
    .prepare();

/** The queries of a payment callback, prepared once: they run on every confirmation. */
const queries = preparedPerDb((db) => ({
  byId: db.select().from(topups).where(eq(topups.id, sql.placeholder("id"))).prepare(),
  byReference: db.select().from(topups).where(eq(topups.referenceId, sql.placeholder("referenceId"))).prepare(),
  // No RETURNING: it made this update cost three times as much (~25 µs against ~8, once per credit); the row
  // is the one read in the transaction with what this writes (paidFields).
  markPaid: db
    .update(topups)
    // Placeholders in SET are not encoded by drizzle: the time goes in as epoch milliseconds, as stored.
    .set({
      status: "succeeded",
      chargeId: sql`${sql.placeholder("chargeId")}`,
      paidAt: sql`${sql.placeholder("nowMs")}`,
      finalizedAt: sql`${sql.placeholder("nowMs")}`,
      updatedAt: sql`${sql.placeholder("nowMs")}`,
      checkAt: null,
      claimedUntil: null,
    })
    .where(eq(topups.id, sql.placeholder("id")))
    .prepare(),
}));

export function topupStore(db: Db): Sync<TopupStore> {
  const q = queries(db);
  const mine = (merchantId: number) => eq(topups.merchantId, merchantId);
  const newestFirst = [desc(topups.createdAt), desc(topups.id)];
  return {
    byId: (id) => q.byId.get({ id }),
    byReference: (referenceId) => q.byReference.get({ referenceId }),
    // A write transaction (BEGIN IMMEDIATE) already holds the whole file.
    lockForSettlement: () => undefined,
    byRequestKey: (requestKey) => db.select().from(topups).where(eq(topups.requestKey, requestKey)).get(),
    owned: (merchantId, id) => db.select().from(topups).where(and(eq(topups.id, id), mine(merchantId))).get(),
    latest: (merchantId) => db.select().from(topups).where(mine(merchantId)).orderBy(...newestFirst).get(),
    lastSucceeded: (merchantId) =>
      db.select().from(topups).where(and(mine(merchantId), eq(topups.status, "succeeded"))).orderBy(...newestFirst).get(),
    open: (merchantId) => db.select().from(topups).where(and(mine(merchantId), inArray(topups.status, OPEN_TOPUP))).all(),
    openUnflagged: (merchantId) =>
      db.select().from(topups).where(and(mine(merchantId), inArray(topups.status, OPEN_TOPUP), isNull(topups.flag))).get(),
    activeBetween: (from, to) => db.select().from(topups).where(activeBetween(from, to)).orderBy(asc(topups.id)).all(),
    phoneRequests(phone, since, merchantId) {
      const lastHour = and(eq(topups.phone, phone), gte(topups.createdAt, since));
      const where = merchantId === undefined ? lastHour : and(lastHour, mine(merchantId));
      return db.select({ n: count() }).from(topups).where(where).get()?.n ?? 0;
    },
    create: (topup) =>
      db
        .insert(topups)
        .values({ ...topup, status: "creating", updatedAt: topup.createdAt })
        .returning()
        .get(),
    recordCharge(id, chargeId, now, details) {
      // A callback may have beaten the response and settled the top-up already; keep what it did.
      if (details) {
        const expiresAt = sql`coalesce(${details.expiresAt?.getTime() ?? null}, ${topups.expiresAt})`;
        db.update(topups).set({ payCode: details.payCode, expiresAt }).where(eq(topups.id, id)).run();
      }
      db.update(topups).set({ chargeId, updatedAt: now }).where(and(eq(topups.id, id), isNull(topups.chargeId))).run();
      db.update(topups).set({ status: "pending", updatedAt: now }).where(and(eq(topups.id, id), eq(topups.status, "creating"))).run();
      return q.byId.get({ id })!;
    },
    recordPrompt: (id, messageId) => db.update(topups).set({ promptMessageId: messageId }).where(eq(topups.id, id)).returning().get(),
    finish: (id, from, fields, now) =>
      db
        .update(topups)
        .set({ ...fields, finalizedAt: now, updatedAt: now, checkAt: null, claimedUntil: null })
        .where(and(eq(topups.id, id), eq(topups.status, from)))
        .returning()
        .get(),
    markPaid(topup, chargeId, now) {
      q.markPaid.run({ id: topup.id, chargeId, nowMs: now.getTime() });
      return { ...topup, ...paidFields(chargeId, now) };
    },
    markFailed: (id, { failureCode, chargeId }, now) =>
      db
        .update(topups)
        .set({ status: "failed", failureCode, chargeId: chargeId ?? sql`${topups.chargeId}`, finalizedAt: now, updatedAt: now, checkAt: null, claimedUntil: null })
        .where(eq(topups.id, id))
        .returning()
        .get(),
    markPending(id, chargeId, now) {
      db.update(topups).set({ status: "pending", chargeId, updatedAt: now }).where(eq(topups.id, id)).run();
    },
    flag(id, reason, now) {
      db.update(topups).set({ flag: reason, updatedAt: now }).where(eq(topups.id, id)).run();
    },
    expire: (id, failureCode, recheckAt, now) =>
      db
        .update(topups)
        .set({
          status: "expired",
          failureCode,
          finalizedAt: now,
          updatedAt: now,
          checkAt: sql`case when ${topups.chargeId} is null then null else ${recheckAt?.getTime() ?? null} end`,
          claimedUntil: null,
        })
        .where(and(eq(topups.id, id), inArray(topups.status, OPEN_TOPUP)))
        .returning()
        .get(),
    // One statement on the one connection: nothing can claim the top-up between the choice and the update.
    claimCheck: (now, until) =>
      db
        .update(topups)
        .set({ claimedUntil: until })
        .where(eq(topups.id, db.select({ id: topups.id }).from(topups).where(checkWaiting(now)).orderBy(asc(topups.checkAt), asc(topups.id)).limit(1)))
        .returning()
        .get(),
    postponeCheck(id, checkAttempts, checkAt) {
      db.update(topups).set({ checkAttempts, checkAt, claimedUntil: null }).where(and(eq(topups.id, id), inArray(topups.status, OPEN_TOPUP))).run();
    },
    setRecheck(id, checkAt) {
      db.update(topups).set({ checkAt, claimedUntil: null }).where(and(eq(topups.id, id), eq(topups.status, "expired"))).run();
    },
  };
}
