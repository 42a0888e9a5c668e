import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { callbacks, mainMenu } from "../keyboards.js";
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
  ctx.services.merchants.setLanguage(ctx.from.id, language);
  await ctx.i18n.renegotiateLocale();
  await ctx.answerCallbackQuery();
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  } catch (error) {
    // The buttons are already gone: the second tap of a double tap, answered by the first.
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
    throw error;
  }
  await ctx.reply(ctx.t("language-changed"), { reply_markup: mainMenu(ctx.t) });
  // The menu is a convenience: the language is already saved and confirmed, so a failure here is only logged.
  await setChatCommands(ctx.api, ctx.chat.id, ctx.t, isAdmin(ctx)).catch((error: unknown) => ctx.log.warn({ err: error }, "chat commands not updated"));
});
