import type { ConversationStore } from "../../db/stores.js";
import type { Clock } from "../clock.js";

/** Key-value storage for grammY conversations, so a top-up in progress survives a restart. */
export interface KeyValueStorage<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A conversation that has not moved for this long is abandoned: its state reads as absent and its row is pruned. */
export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;
/** A write prunes abandoned rows at most this often: one small DELETE an hour, not one per update. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export function conversationStorage<T>(store: ConversationStore, clock: Clock): KeyValueStorage<T> {
  let prunedAt = -Infinity;
  const cutoff = (at: Date) => new Date(at.getTime() - CONVERSATION_TTL_MS);
  return {
    async read(key) {
      const row = await store.read(key);
      return row && row.updatedAt.getTime() >= cutoff(clock.now()).getTime() ? (JSON.parse(row.value) as T) : undefined;
    },
    async write(key, value) {
      const at = clock.now();
      await store.write(key, JSON.stringify(value), at);
      if (at.getTime() - prunedAt < PRUNE_INTERVAL_MS) return;
      prunedAt = at.getTime();
      await store.pruneOlderThan(cutoff(at));
    },
    delete: (key) => store.delete(key),
  };
}
