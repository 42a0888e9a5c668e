import { eq } from "drizzle-orm";
import type { ConversationStore } from "../../stores.js";
import { conversationStates } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

export function conversationStore({ db }: Bound): ConversationStore {
  return {
    read: async (key) =>
      (await firstOf(db.select({ value: conversationStates.value }).from(conversationStates).where(eq(conversationStates.key, key))))?.value,
    async write(key, value, now) {
      await db
        .insert(conversationStates)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: conversationStates.key, set: { value, updatedAt: now } });
    },
    async delete(key) {
      await db.delete(conversationStates).where(eq(conversationStates.key, key));
    },
  };
}
