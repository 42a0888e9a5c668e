import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/sqlite/client.js";
import { preparedPerDb } from "../../db/sqlite/prepared.js";
import { merchants } from "../../db/sqlite/schema.js";
import type { Clock } from "../clock.js";

export type Merchant = typeof merchants.$inferSelect;
export type Language = "id" | "en";

export interface TelegramProfile {
  id: number;
  chatId: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

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
      // The profile as Telegram sends it now; a merchant who writes again is no longer blocked.
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

export class MerchantService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Registers or refreshes a merchant; writing to the bot again also undoes an earlier block. */
  register(profile: TelegramProfile): Merchant {
    return queries(this.db).register.get({
      id: profile.id,
      chatId: profile.chatId,
      firstName: profile.firstName,
      lastName: profile.lastName ?? null,
      username: profile.username ?? null,
      telegramLanguage: profile.languageCode ?? null,
      now: this.clock.now(),
    });
  }

  get(id: number): Merchant | undefined {
    return queries(this.db).byId.get({ id });
  }

  setLanguage(id: number, language: Language): void {
    this.update(id, { language });
  }

  setStoreName(id: number, storeName: string): void {
    this.update(id, { storeName });
  }

  markBlocked(chatId: number): void {
    this.db.update(merchants).set({ blockedAt: this.clock.now() }).where(eq(merchants.chatId, chatId)).run();
  }

  private update(id: number, fields: Partial<typeof merchants.$inferInsert>): void {
    this.db
      .update(merchants)
      .set({ ...fields, updatedAt: this.clock.now() })
      .where(eq(merchants.id, id))
      .run();
  }
}

/** The merchant's chosen language, else Telegram's, else Indonesian. */
export function languageOf(merchant: Pick<Merchant, "language" | "telegramLanguage"> | undefined, fallbackCode?: string): Language {
  if (merchant?.language) return merchant.language;
  const code = merchant?.telegramLanguage ?? fallbackCode;
  return code?.toLowerCase().startsWith("en") ? "en" : "id";
}
