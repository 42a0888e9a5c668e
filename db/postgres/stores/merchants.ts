import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { MerchantStore } from "../../stores.js";
import { merchants } from "../schema.js";
import { firstOf, returnedOf, type Bound } from "./executor.js";

export function merchantStore({ db }: Bound): MerchantStore {
  return {
    register: (profile, now) =>
      returnedOf(
        db
          .insert(merchants)
          .values({ ...profile, createdAt: now, updatedAt: now })
          .onConflictDoUpdate({
            target: merchants.id,
            set: {
              chatId: sql`excluded.chat_id`,
              firstName: sql`excluded.first_name`,
              lastName: sql`excluded.last_name`,
              username: sql`excluded.username`,
              telegramLanguage: sql`excluded.telegram_language`,
              updatedAt: sql`excluded.updated_at`,
              blockedAt: null,
            },
          })
          .returning(),
      ),
    byId: (id) => firstOf(db.select().from(merchants).where(eq(merchants.id, id))),
    byUsername: (username) =>
      firstOf(
        db.select().from(merchants).where(eq(sql`lower(${merchants.username})`, username.toLowerCase())).orderBy(desc(merchants.updatedAt), desc(merchants.id)).limit(1),
      ),
    async update(id, fields, now) {
      await db.update(merchants).set({ ...fields, updatedAt: now }).where(eq(merchants.id, id));
    },
    async markBlocked(by, now) {
      await db
        .update(merchants)
        .set({ blockedAt: now })
        .where("chatId" in by ? eq(merchants.chatId, by.chatId) : eq(merchants.id, by.id));
    },
    async mute(id, now) {
      await db.update(merchants).set({ mutedAt: now }).where(and(eq(merchants.id, id), isNull(merchants.mutedAt)));
    },
    async unmute(id) {
      await db.update(merchants).set({ mutedAt: null }).where(eq(merchants.id, id));
    },
  };
}
