import { and, asc, count, eq, isNull, lte, or } from "drizzle-orm";
import { countsByStatus, INTERRUPTED_ERROR, SKIPPED_ERROR } from "../../store-rules.js";
import type { RecipientKey, RecipientStore } from "../../stores.js";
import { broadcastRecipients, broadcasts, merchants } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

const byKey = (key: RecipientKey) =>
  and(eq(broadcastRecipients.broadcastId, key.broadcastId), eq(broadcastRecipients.merchantId, key.merchantId));

export function recipientStore({ db, inTransaction }: Bound): RecipientStore {
  return {
    counts: async (broadcastId) =>
      countsByStatus(
        await db
          .select({ status: broadcastRecipients.status, n: count() })
          .from(broadcastRecipients)
          .where(eq(broadcastRecipients.broadcastId, broadcastId))
          .groupBy(broadcastRecipients.status),
      ),
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
        .limit(limit),
    candidate(key) {
      const query = db
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
        .where(byKey(key));
      // The recipient's row only: its broadcast and merchant stay free for a cancel or a /start meanwhile.
      return firstOf(inTransaction ? query.for("update", { of: broadcastRecipients }) : query);
    },
    async update(key, fields) {
      await db.update(broadcastRecipients).set(fields).where(byKey(key));
    },
    async skipPending(broadcastId) {
      await db
        .update(broadcastRecipients)
        .set({ status: "skipped", error: SKIPPED_ERROR })
        .where(and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.status, "pending")));
    },
    failInterrupted: async () =>
      (await db.update(broadcastRecipients).set({ status: "failed", error: INTERRUPTED_ERROR }).where(eq(broadcastRecipients.status, "sending")))
        .rowCount ?? 0,
  };
}
