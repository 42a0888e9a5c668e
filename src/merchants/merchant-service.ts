import type { Database } from "../../db/database.js";
import type { MerchantRow } from "../../db/rows.js";
import type { Clock } from "../clock.js";

export type Merchant = MerchantRow;
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
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Registers or refreshes a merchant; writing to the bot again also undoes an earlier block. */
  register(profile: TelegramProfile): Promise<Merchant> {
    const { id, chatId, firstName } = profile;
    return this.database.stores.merchants.register(
      { id, chatId, firstName, lastName: profile.lastName ?? null, username: profile.username ?? null, telegramLanguage: profile.languageCode ?? null },
      this.clock.now(),
    );
  }

  get(id: number): Promise<Merchant | undefined> {
    return this.database.stores.merchants.byId(id);
  }

  setLanguage(id: number, language: Language): Promise<void> {
    return this.database.stores.merchants.update(id, { language }, this.clock.now());
  }

  setStoreName(id: number, storeName: string): Promise<void> {
    return this.database.stores.merchants.update(id, { storeName }, this.clock.now());
  }

  markBlocked(chatId: number): Promise<void> {
    return this.database.stores.merchants.markBlocked({ chatId }, this.clock.now());
  }
}

/** The merchant's chosen language, else Telegram's, else Indonesian. */
export function languageOf(merchant: Pick<Merchant, "language" | "telegramLanguage"> | undefined, fallbackCode?: string): Language {
  if (merchant?.language) return merchant.language;
  const code = merchant?.telegramLanguage ?? fallbackCode;
  return code?.toLowerCase().startsWith("en") ? "en" : "id";
}
