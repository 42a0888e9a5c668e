import { join } from "node:path";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { languageOf, type Merchant, type MerchantService } from "../merchants/merchant-service.js";
import { projectRoot } from "../project-root.js";

export { escapeHtml } from "../format.js";

export const localesDirectory = join(projectRoot, "locales");

/**
 * The merchant's language comes from the row registration just wrote (ctx.merchant, no query of its own);
 * where there is none, inside conversations (a fresh context), it is read: a choice made with /language
 * applies at once, inside conversations too.
 */
export function createI18n(merchants: MerchantService): I18n<Context> {
  return new I18n<Context>({
    defaultLocale: "id",
    directory: localesDirectory,
    // Fluent would wrap placeables in invisible Unicode isolation marks; Telegram shows them as garbage.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => {
      const known = (ctx as { merchant?: Merchant }).merchant;
      const merchant = known ?? (ctx.from ? await merchants.get(ctx.from.id) : undefined);
      return languageOf(merchant, ctx.from?.language_code);
    },
  });
}
