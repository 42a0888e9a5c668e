import { eq } from "drizzle-orm";
import type { Db } from "./client.js";
import { conversationStates } from "./schema.js";

/** Key-value storage for grammY conversations, so a top-up in progress survives a restart. */
export interface KeyValueStore<T> {
  read(key: string): T | undefined;
  write(key: string, value: T): void;
  delete(key: string): void;
}

export function sqliteConversationStore<T>(db: Db, now: () => Date): KeyValueStore<T> {
  return {
    read(key) {
      const row = db.select({ value: conversationStates.value }).from(conversationStates).where(eq(conversationStates.key, key)).get();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    write(key, value) {
      const text = JSON.stringify(value);
      db.insert(conversationStates)
        .values({ key, value: text, updatedAt: now() })
        .onConflictDoUpdate({ target: conversationStates.key, set: { value: text, updatedAt: now() } })
        .run();
    },
    delete(key) {
      db.delete(conversationStates).where(eq(conversationStates.key, key)).run();
    },
  };
}
