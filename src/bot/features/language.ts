import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { callbacks } from "../keyboards.js";
import { mainMenuFor } from "../repeat.js";
import { isAdmin } from "../admin.js";
import { setChatCommands } from "../commands.js";

export const languageFeature = new Composer<BotContext>();
const privateChats = languageFeature.chatType("private");

privateChats.command("language", async (ctx) => {
  await ctx.reply(ctx.t("language-prompt"), {
    reply_markup: new InlineKeyboard()
      .text("🇮🇩 Bahasa Indonesia", callbacks.language("id"))
      .text("🇬🇧 English", callbacks.language("en")),
  });
});

privateChats.callbackQuery(/^lang:(id|en)$/, async (ctx) => {
  const language = ctx.match[1] as "id" | "en";
  // Choosing the language already chosen (the second tap of a double tap, too) changes nothing: no new message.
  const unchanged = ctx.merchant?.language === language;
  if (!unchanged) {
    await ctx.services.merchants.setLanguage(ctx.from.id, language);
    if (ctx.merchant) ctx.merchant = { ...ctx.merchant, language };
    await ctx.i18n.renegotiateLocale();
  }
  await ctx.answerCallbackQuery(unchanged ? { text: ctx.t("language-changed") } : undefined);
  await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  if (unchanged) return;
  await ctx.reply(ctx.t("language-changed"), { reply_markup: await mainMenuFor(ctx) });
  await setChatCommands(ctx.api, ctx.chat.id, ctx.t, isAdmin(ctx));
});
