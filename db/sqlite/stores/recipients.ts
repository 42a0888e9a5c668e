import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { countsByStatus, INTERRUPTED_ERROR, SKIPPED_ERROR } from "../../store-rules.js";
import type { RecipientKey, RecipientStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { broadcastRecipients, broadcasts, merchants } from "../schema.js";
import type { Sync } from "./sync.js";

type RecipientFields = Parameters<RecipientStore["update"]>[1];

/** The recipient's row, by the placeholders `broadcastId` and `merchantId`. */
const byKey = () =>
  and(eq(broadcastRecipients.broadcastId, sql.placeholder("broadcastId")), eq(broadcastRecipients.merchantId, sql.placeholder("merchantId")));

// candidate and update run twice per broadcast copy (claim, outcome): prepared, not assembled per call.
const queries = preparedPerDb((db) => ({
  candidate: db
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
    .where(byKey())
    .prepare(),
  /** One UPDATE per set of fields written: a handful (claim, sent, release, …), each prepared on first use. */
  updates: new Map<string, { run(values: Record<string, unknown>): unknown }>(),
}));

/** Placeholders in SET are not encoded by drizzle: times go in as epoch milliseconds, as stored. */
function updateValues(key: RecipientKey, fields: RecipientFields): Record<string, unknown> {
  const values: Record<string, unknown> = { ...key };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) values[`set_${name}`] = value instanceof Date ? value.getTime() : value;
  return values;
}

function preparedUpdate(db: Db, names: string[]) {
  const set = Object.fromEntries(names.map((name) => [name, sql`${sql.placeholder(`set_${name}`)}`]));
  return db.update(broadcastRecipients).set(set).where(byKey()).prepare();
}

export function recipientStore(db: Db): Sync<RecipientStore> {
  const q = queries(db);
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
    candidate: (key) => q.candidate.get({ ...key }),
    update(key, fields) {
      const names = Object.keys(fields).filter((name) => fields[name as keyof RecipientFields] !== undefined);
      if (names.length === 0) return;
      const shape = names.join(",");
      let update = q.updates.get(shape);
      if (!update) q.updates.set(shape, (update = preparedUpdate(db, names)));
      update.run(updateValues(key, fields));
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
