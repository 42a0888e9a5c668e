import { eq } from "drizzle-orm";
import type { ConversationStore } from "../../stores.js";
import type { Db } from "../client.js";
import { conversationStates } from "../schema.js";
import type { Sync } from "./sync.js";

export function conversationStore(db: Db): Sync<ConversationStore> {
  return {
    read: (key) => db.select({ value: conversationStates.value }).from(conversationStates).where(eq(conversationStates.key, key)).get()?.value,
    write(key, value, now) {
      db.insert(conversationStates)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: conversationStates.key, set: { value, updatedAt: now } })
        .run();
    },
    delete(key) {
      db.delete(conversationStates).where(eq(conversationStates.key, key)).run();
    },
  };
}
