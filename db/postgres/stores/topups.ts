import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { CHECKED_TOPUP, OPEN_TOPUP, paidFields } from "../../store-rules.js";
import type { TopupStore } from "../../stores.js";
import { topups } from "../schema.js";
import { firstOf, returnedOf, type Bound } from "./executor.js";

/** Open, or expired with a re-check planned; its check due; and nobody checking it. */
const checkWaiting = (now: Date) =>
  and(inArray(topups.status, CHECKED_TOPUP), lte(topups.checkAt, now), or(isNull(topups.claimedUntil), lte(topups.claimedUntil, now)));

const activeBetween = (from: Date, to: Date) =>
  or(and(gte(topups.createdAt, from), lt(topups.createdAt, to)), and(gte(topups.finalizedAt, from), lt(topups.finalizedAt, to)));

export function topupStore({ db, inTransaction }: Bound): TopupStore {
  const mine = (merchantId: number) => eq(topups.merchantId, merchantId);
  const newestFirst = [desc(topups.createdAt), desc(topups.id)];
  const one = (where: SQL | undefined) => firstOf(db.select().from(topups).where(where).limit(1));
  /**
   * The reads a settlement writes after: in a transaction they lock the row until it commits, so another instance
   * settling the same payment waits, then sees what this one wrote (exactly-once crediting).
   */
  const toSettle = (where: SQL) => {
    const query = db.select().from(topups).where(where);
    return firstOf(inTransaction ? query.for("update") : query);
  };
  const countWhere = async (where: SQL | undefined) => (await db.select({ n: count() }).from(topups).where(where))[0]?.n ?? 0;
  return {
    byId: (id) => toSettle(eq(topups.id, id)),
    byReference: (referenceId) => toSettle(eq(topups.referenceId, referenceId)),
    async lockForSettlement(referenceIds) {
      // Rows are locked after the sort: ascending ids are the one order every instance takes them in.
      if (inTransaction && referenceIds.length > 0) await db.select({ id: topups.id }).from(topups).where(inArray(topups.referenceId, referenceIds)).orderBy(asc(topups.id)).for("update");
    },
    byRequestKey: (requestKey) => one(eq(topups.requestKey, requestKey)),
    owned: (merchantId, id) => one(and(eq(topups.id, id), mine(merchantId))),
    latest: (merchantId) => firstOf(db.select().from(topups).where(mine(merchantId)).orderBy(...newestFirst).limit(1)),
    lastSucceeded: (merchantId) =>
      firstOf(db.select().from(topups).where(and(mine(merchantId), eq(topups.status, "succeeded"))).orderBy(...newestFirst).limit(1)),
    open: (merchantId) => db.select().from(topups).where(and(mine(merchantId), inArray(topups.status, OPEN_TOPUP))),
    openUnflagged: (merchantId) => one(and(mine(merchantId), inArray(topups.status, OPEN_TOPUP), isNull(topups.flag))),
    activeBetween: (from, to) => db.select().from(topups).where(activeBetween(from, to)).orderBy(asc(topups.id)),
    phoneRequests(phone, since, merchantId) {
      const lastHour = and(eq(topups.phone, phone), gte(topups.createdAt, since));
      return countWhere(merchantId === undefined ? lastHour : and(lastHour, mine(merchantId)));
    },
    create: (topup) => returnedOf(db.insert(topups).values({ ...topup, status: "creating", updatedAt: topup.createdAt }).returning()),
    recordCharge: (id, chargeId, now, details) =>
      // One statement: a callback may have beaten the response and set a charge id or a status; keep what it did.
      returnedOf(
        db
          .update(topups)
          .set({
            chargeId: sql`coalesce(${topups.chargeId}, ${chargeId})`,
            ...(details && {
              payCode: details.payCode,
              expiresAt: sql`coalesce(${sql.param(details.expiresAt, topups.expiresAt)}::timestamptz, ${topups.expiresAt})`,
            }),
            status: sql`case when ${topups.status} = 'creating' then 'pending' else ${topups.status} end`,
            updatedAt: sql`case when ${topups.chargeId} is null or ${topups.status} = 'creating' then ${sql.param(now, topups.updatedAt)} else ${topups.updatedAt} end`,
          })
          .where(eq(topups.id, id))
          .returning(),
      ),
    recordPrompt: (id, messageId) => firstOf(db.update(topups).set({ promptMessageId: messageId }).where(eq(topups.id, id)).returning()),
    finish: (id, from, fields, now) =>
      firstOf(
        db
          .update(topups)
          .set({ ...fields, finalizedAt: now, updatedAt: now, checkAt: null, claimedUntil: null })
          .where(and(eq(topups.id, id), eq(topups.status, from)))
          .returning(),
      ),
    markPaid: (topup, chargeId, now) => returnedOf(db.update(topups).set(paidFields(chargeId, now)).where(eq(topups.id, topup.id)).returning()),
    markFailed: (id, { failureCode, chargeId }, now) =>
      returnedOf(
        db
          .update(topups)
          .set({ status: "failed", failureCode, chargeId: chargeId ?? sql`${topups.chargeId}`, finalizedAt: now, updatedAt: now, checkAt: null, claimedUntil: null })
          .where(eq(topups.id, id))
          .returning(),
      ),
    async markPending(id, chargeId, now) {
      await db.update(topups).set({ status: "pending", chargeId, updatedAt: now }).where(eq(topups.id, id));
    },
    async flag(id, reason, now) {
      await db.update(topups).set({ flag: reason, updatedAt: now }).where(eq(topups.id, id));
    },
    expire: (id, failureCode, recheckAt, now) =>
      firstOf(
        db
          .update(topups)
          .set({
            status: "expired",
            failureCode,
            finalizedAt: now,
            updatedAt: now,
            // Only a charge the gateway knows can still turn out paid: ask about it again later.
            checkAt: sql`case when ${topups.chargeId} is null then null else ${sql.param(recheckAt, topups.checkAt)}::timestamptz end`,
            claimedUntil: null,
          })
          .where(and(eq(topups.id, id), inArray(topups.status, OPEN_TOPUP)))
          .returning(),
      ),
    claimCheck(now, until) {
      // Locked as it is chosen, and skipped by everyone else meanwhile (a crediting transaction holding it too).
      const next = db
        .$with("next")
        .as(db.select({ id: topups.id }).from(topups).where(checkWaiting(now)).orderBy(asc(topups.checkAt), asc(topups.id)).limit(1).for("update", { skipLocked: true }));
      return firstOf(db.with(next).update(topups).set({ claimedUntil: until }).from(next).where(eq(topups.id, next.id)).returning(getTableColumns(topups)));
    },
    async postponeCheck(id, checkAttempts, checkAt) {
      await db.update(topups).set({ checkAttempts, checkAt, claimedUntil: null }).where(and(eq(topups.id, id), inArray(topups.status, OPEN_TOPUP)));
    },
    async setRecheck(id, checkAt) {
      await db.update(topups).set({ checkAt, claimedUntil: null }).where(and(eq(topups.id, id), eq(topups.status, "expired")));
    },
  };
}
