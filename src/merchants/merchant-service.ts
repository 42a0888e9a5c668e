import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { merchants } from "../../db/schema.js";
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

export class MerchantService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Registers or refreshes a merchant; writing to the bot again also undoes an earlier block. */
  register(profile: TelegramProfile): Merchant {
    const now = this.clock.now();
    const fields = {
      chatId: profile.chatId,
      firstName: profile.firstName,
      lastName: profile.lastName ?? null,
      username: profile.username ?? null,
      telegramLanguage: profile.languageCode ?? null,
      blockedAt: null,
      updatedAt: now,
    };
    return this.db
      .insert(merchants)
      .values({ id: profile.id, ...fields, createdAt: now })
      .onConflictDoUpdate({ target: merchants.id, set: fields })
      .returning()
      .get();
  }

  get(id: number): Merchant | undefined {
    return this.db.select().from(merchants).where(eq(merchants.id, id)).get();
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
