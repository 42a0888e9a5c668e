import { eq, lt, ne } from "drizzle-orm";
import type { ConversationStore } from "../../stores.js";
import { conversationStates as states } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

export function conversationStore({ db }: Bound): ConversationStore {
  return {
    read: async (key) => firstOf(db.select({ value: states.value, updatedAt: states.updatedAt }).from(states).where(eq(states.key, key))),
    async write(key, value, now) {
      await db
        .insert(states)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: states.key, set: { value, updatedAt: now }, setWhere: ne(states.value, value) });
    },
    async delete(key) {
      await db.delete(states).where(eq(states.key, key));
    },
    async pruneOlderThan(cutoff) {
      await db.delete(states).where(lt(states.updatedAt, cutoff));
    },
  };
}
