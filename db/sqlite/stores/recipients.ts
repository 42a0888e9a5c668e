import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { countsByStatus, INTERRUPTED_ERROR, SKIPPED_ERROR } from "../../store-rules.js";
import type { RecipientKey, RecipientStore } from "../../stores.js";
import type { Db } from "../client.js";
import { broadcastRecipients, broadcasts, merchants } from "../schema.js";
import type { Sync } from "./sync.js";

const byKey = (key: RecipientKey) =>
  and(eq(broadcastRecipients.broadcastId, key.broadcastId), eq(broadcastRecipients.merchantId, key.merchantId));

export function recipientStore(db: Db): Sync<RecipientStore> {
  return {
    counts(broadcastId) {
      const rows = db
        .select({ status: broadcastRecipients.status, n: sql<number>`count(*)` })
        .from(broadcastRecipients)
        .where(eq(broadcastRecipients.broadcastId, broadcastId))
        .groupBy(broadcastRecipients.status)
        .all();
      return countsByStatus(rows);
    },
    due: (now, limit) =>
      db
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
        .all(),
    candidate: (key) =>
      db
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
        .get(),
    update(key, fields) {
      db.update(broadcastRecipients).set(fields).where(byKey(key)).run();
    },
    skipPending(broadcastId) {
      db.update(broadcastRecipients)
        .set({ status: "skipped", error: SKIPPED_ERROR })
        .where(and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.status, "pending")))
        .run();
    },
    failInterrupted: () =>
      db
        .update(broadcastRecipients)
        .set({ status: "failed", error: INTERRUPTED_ERROR })
        .where(eq(broadcastRecipients.status, "sending"))
        .run().changes,
  };
}
