import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "../logger.js";
import type { Merchant } from "../merchants/merchant-service.js";
import type { Services } from "../services.js";

interface Extras {
  services: Services;
  log: Logger;
  /** Set for private chats with a user; refreshed from Telegram's profile on every update. */
  merchant?: Merchant;
}

export type BotContext = ConversationFlavor<Context & I18nFlavor & Extras>;

/** Inside conversations: a fresh context with only the conversation's plugins (i18n, auto-retry). */
export type ConversationContext = Context & I18nFlavor;
