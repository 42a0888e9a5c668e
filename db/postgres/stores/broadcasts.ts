import { and, count, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { BroadcastAudience } from "../../rows.js";
import { reportedStatus, UNFINISHED_RECIPIENT } from "../../store-rules.js";
import type { BroadcastStore } from "../../stores.js";
import { broadcastRecipients, broadcasts, merchants, topups } from "../schema.js";
import { atomic, firstOf, returnedOf, type Bound } from "./executor.js";

/** Merchants a broadcast may reach at all: not blocked, not opted out. */
const reachable: SQL = and(isNull(merchants.blockedAt), isNull(merchants.mutedAt))!;

const hasPaid = sql`exists (select 1 from ${topups} where ${topups.merchantId} = ${merchants.id} and ${topups.status} = 'succeeded')`;

/** The condition on `merchants` that picks an audience, leaving one merchant (the admin) out. */
function audienceFilter(audience: BroadcastAudience, exceptId: number): SQL {
  const others = and(reachable, ne(merchants.id, exceptId))!;
  switch (audience) {
    case "all":
      return others;
    case "paid":
      return and(others, hasPaid)!;
    case "never_paid":
      return and(others, sql`not ${hasPaid}`)!;
  }
}

const unfinished = sql`exists (select 1 from ${broadcastRecipients} where ${broadcastRecipients.broadcastId} = ${broadcasts.id}
  and ${inArray(broadcastRecipients.status, UNFINISHED_RECIPIENT)})`;

export function broadcastStore(bound: Bound): BroadcastStore {
  const { db, inTransaction } = bound;
  return {
    audienceCount: async (audience, exceptId) =>
      (await db.select({ n: count() }).from(merchants).where(audienceFilter(audience, exceptId)))[0]?.n ?? 0,
    bySource: (sourceChatId, sourceMessageId) =>
      firstOf(
        db
          .select()
          .from(broadcasts)
          .where(and(eq(broadcasts.sourceChatId, sourceChatId), eq(broadcasts.sourceMessageId, sourceMessageId))),
      ),
    // Three statements, one step: the total is what the insert counted, not a second look at the merchants.
    create: (input, now) =>
      atomic(bound, async (tx) => {
        const broadcast = await returnedOf(
          tx.insert(broadcasts).values({ ...input, status: "running", total: 0, createdAt: now, startedAt: now }).returning(),
        );
        const inserted = await tx.execute(sql`
          insert into ${broadcastRecipients} (broadcast_id, merchant_id, chat_id, status, attempts)
          select ${broadcast.id}, ${merchants.id}, ${merchants.chatId}, 'pending', 0 from ${merchants}
          where ${audienceFilter(input.audience, input.adminId)}`);
        return returnedOf(tx.update(broadcasts).set({ total: inserted.rowCount ?? 0 }).where(eq(broadcasts.id, broadcast.id)).returning());
      }),
    byId(id) {
      const query = db.select().from(broadcasts).where(eq(broadcasts.id, id));
      // In a transaction the status read must hold until commit: a cancel in between would skip the pending rows
      // and miss the one this transaction then writes back as pending (a report that never comes). Shared: the
      // worker's writes of copies in flight need not wait for each other, only a cancel waits for them.
      return firstOf(inTransaction ? query.for("share") : query);
    },
    running: () => db.select().from(broadcasts).where(eq(broadcasts.status, "running")),
    recent: (limit) => db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(limit),
    async setProgressMessage(id, messageId, now) {
      await db.update(broadcasts).set({ progressMessageId: messageId, progressAt: now }).where(eq(broadcasts.id, id));
    },
    async markProgress(id, now) {
      await db.update(broadcasts).set({ progressAt: now }).where(eq(broadcasts.id, id));
    },
    cancel: async (id) =>
      ((await db.update(broadcasts).set({ status: "cancelled" }).where(and(eq(broadcasts.id, id), eq(broadcasts.status, "running")))).rowCount ?? 0) > 0,
    runningWithProgressMessage: () =>
      db
        .select()
        .from(broadcasts)
        .where(and(eq(broadcasts.status, "running"), isNotNull(broadcasts.progressMessageId))),
    finishedUnreported: () =>
      db
        .select()
        .from(broadcasts)
        .where(and(inArray(broadcasts.status, ["running", "cancelled"]), isNull(broadcasts.finishedAt), sql`not ${unfinished}`)),
    async markReported(broadcast, now) {
      await db
        .update(broadcasts)
        .set({ status: reportedStatus(broadcast), finishedAt: now })
        .where(and(eq(broadcasts.id, broadcast.id), isNull(broadcasts.finishedAt)));
    },
  };
}
