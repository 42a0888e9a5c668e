import { eq, lt, sql } from "drizzle-orm";
import type { ConversationStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { conversationStates as states } from "../schema.js";
import type { Sync } from "./sync.js";

/** Read and written on every update of a chat with a conversation: prepared once. */
const queries = preparedPerDb((db) => ({
  read: db.select({ value: states.value, updatedAt: states.updatedAt }).from(states).where(eq(states.key, sql.placeholder("key"))).prepare(),
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
}));

export function conversationStore(db: Db): Sync<ConversationStore> {
  const q = queries(db);
  return {
    read: (key) => q.read.get({ key }),
    write(key, value, now) {
      q.write.run({ key, value, now });
    },
    delete(key) {
      q.delete.run({ key });
    },
    pruneOlderThan(cutoff) {
      q.prune.run({ cutoffMs: cutoff.getTime() });
    },
  };
}
