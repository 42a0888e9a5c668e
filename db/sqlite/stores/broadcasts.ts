import { and, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { BroadcastAudience } from "../../rows.js";
import { reportedStatus, UNFINISHED_RECIPIENT } from "../../store-rules.js";
import type { BroadcastStore } from "../../stores.js";
import type { Db } from "../client.js";
import { broadcastRecipients, broadcasts, merchants, topups } from "../schema.js";
import type { Sync } from "./sync.js";

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

export function broadcastStore(db: Db): Sync<BroadcastStore> {
  const byId = (id: number) => db.select().from(broadcasts).where(eq(broadcasts.id, id)).get();
  return {
    audienceCount: (audience, exceptId) =>
      db.select({ n: sql<number>`count(*)` }).from(merchants).where(audienceFilter(audience, exceptId)).get()?.n ?? 0,
    bySource: (sourceChatId, sourceMessageId) =>
      db
        .select()
        .from(broadcasts)
        .where(and(eq(broadcasts.sourceChatId, sourceChatId), eq(broadcasts.sourceMessageId, sourceMessageId)))
        .get(),
    create(input, now) {
      const broadcast = db
        .insert(broadcasts)
        .values({ ...input, status: "running", total: 0, createdAt: now, startedAt: now })
        .returning()
        .get();
      const inserted = db.run(sql`
        insert into ${broadcastRecipients} (broadcast_id, merchant_id, chat_id, status, attempts)
        select ${broadcast.id}, ${merchants.id}, ${merchants.chatId}, 'pending', 0 from ${merchants}
        where ${audienceFilter(input.audience, input.adminId)}`);
      return db.update(broadcasts).set({ total: inserted.changes }).where(eq(broadcasts.id, broadcast.id)).returning().get();
    },
    byId,
    running: () => db.select().from(broadcasts).where(eq(broadcasts.status, "running")).all(),
    recent: (limit) => db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(limit).all(),
    setProgressMessage(id, messageId, now) {
      db.update(broadcasts).set({ progressMessageId: messageId, progressAt: now }).where(eq(broadcasts.id, id)).run();
    },
    markProgress(id, now) {
      db.update(broadcasts).set({ progressAt: now }).where(eq(broadcasts.id, id)).run();
    },
    cancel: (id) =>
      db
        .update(broadcasts)
        .set({ status: "cancelled" })
        .where(and(eq(broadcasts.id, id), eq(broadcasts.status, "running")))
        .run().changes > 0,
    runningWithProgressMessage: () =>
      db
        .select()
        .from(broadcasts)
        .where(and(eq(broadcasts.status, "running"), isNotNull(broadcasts.progressMessageId)))
        .all(),
    finishedUnreported() {
      const open = sql`exists (select 1 from ${broadcastRecipients} where ${broadcastRecipients.broadcastId} = ${broadcasts.id}
        and ${inArray(broadcastRecipients.status, UNFINISHED_RECIPIENT)})`;
      return db
        .select()
        .from(broadcasts)
        .where(and(inArray(broadcasts.status, ["running", "cancelled"]), isNull(broadcasts.finishedAt), sql`not ${open}`))
        .all();
    },
    markReported(broadcast, now) {
      db.update(broadcasts)
        .set({ status: reportedStatus(broadcast), finishedAt: now })
        .where(and(eq(broadcasts.id, broadcast.id), isNull(broadcasts.finishedAt)))
        .run();
    },
  };
}
