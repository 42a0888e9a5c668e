import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { conversationStates } from "./schema.js";

/** Key-value storage for grammY conversations, so a top-up in progress survives a restart. */
export interface KeyValueStore<T> {
  read(key: string): T | undefined;
  write(key: string, value: T): void;
  delete(key: string): void;
}

/** A conversation that has not moved for this long is abandoned: its state reads as absent and its row is pruned. */
export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;
/** A write prunes abandoned rows at most this often: one small DELETE an hour, not one per update. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

const states = conversationStates;

/** Read and written on every update of a chat with a conversation: prepared once. */
function prepare(db: Db) {
  return {
    read: db.select().from(states).where(eq(states.key, sql.placeholder("key"))).prepare(),
    // An unchanged state (an update the conversation skipped) is not written again: no I/O, and its age stays the
    // age of the conversation's last step.
    write: db
      .insert(states)
      .values({ key: sql.placeholder("key"), value: sql.placeholder("value"), updatedAt: sql.placeholder("now") })
      .onConflictDoUpdate({
        target: states.key,
        set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` },
        setWhere: sql`${states.value} <> excluded.value`,
      })
      .prepare(),
    delete: db.delete(states).where(eq(states.key, sql.placeholder("key"))).prepare(),
    // The column does not encode a placeholder in a comparison: the cutoff is given in milliseconds, as stored.
    prune: db.delete(states).where(lt(states.updatedAt, sql.placeholder("cutoffMs"))).prepare(),
  };
}

export function sqliteConversationStore<T>(db: Db, now: () => Date): KeyValueStore<T> {
  const queries = prepare(db);
  let prunedAt = -Infinity;
  const cutoff = (at: Date) => new Date(at.getTime() - CONVERSATION_TTL_MS);
  return {
    read(key) {
      const row = queries.read.get({ key });
      return row && row.updatedAt.getTime() >= cutoff(now()).getTime() ? (JSON.parse(row.value) as T) : undefined;
    },
    write(key, value) {
      const at = now();
      queries.write.run({ key, value: JSON.stringify(value), now: at });
      if (at.getTime() - prunedAt < PRUNE_INTERVAL_MS) return;
      prunedAt = at.getTime();
      queries.prune.run({ cutoffMs: cutoff(at).getTime() });
    },
    delete(key) {
      queries.delete.run({ key });
    },
  };
}
