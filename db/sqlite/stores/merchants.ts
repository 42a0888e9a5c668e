import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { MerchantStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { merchants } from "../schema.js";
import type { Sync } from "./sync.js";

/** Both run on every update (registration and the language of the reply): prepared once. */
const queries = preparedPerDb((db) => ({
  register: db
    .insert(merchants)
    .values({
      id: sql.placeholder("id"),
      chatId: sql.placeholder("chatId"),
      firstName: sql.placeholder("firstName"),
      lastName: sql.placeholder("lastName"),
      username: sql.placeholder("username"),
      telegramLanguage: sql.placeholder("telegramLanguage"),
      createdAt: sql.placeholder("now"),
      updatedAt: sql.placeholder("now"),
    })
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
    .returning()
    .prepare(),
  byId: db.select().from(merchants).where(eq(merchants.id, sql.placeholder("id"))).prepare(),
}));

export function merchantStore(db: Db): Sync<MerchantStore> {
  const q = queries(db);
  return {
    register: (profile, now) => q.register.get({ ...profile, now }),
    byId: (id) => q.byId.get({ id }),
    byUsername: (username) =>
      db.select().from(merchants).where(eq(sql`lower(${merchants.username})`, username.toLowerCase())).orderBy(desc(merchants.updatedAt), desc(merchants.id)).get(),
    update(id, fields, now) {
      db.update(merchants).set({ ...fields, updatedAt: now }).where(eq(merchants.id, id)).run();
    },
    markBlocked(by, now) {
      db.update(merchants)
        .set({ blockedAt: now })
        .where("chatId" in by ? eq(merchants.chatId, by.chatId) : eq(merchants.id, by.id))
        .run();
    },
    mute(id, now) {
      db.update(merchants).set({ mutedAt: now }).where(and(eq(merchants.id, id), isNull(merchants.mutedAt))).run();
    },
    unmute(id) {
      db.update(merchants).set({ mutedAt: null }).where(eq(merchants.id, id)).run();
    },
  };
}
