import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../i18n.js";
import { callbacks } from "../keyboards.js";
import { mainMenuFor } from "../repeat.js";

export const startFeature = new Composer<BotContext>();
const privateChats = startFeature.chatType("private");

privateChats.command("start", async (ctx) => {
  await ctx.reply(ctx.t("start-greeting", { name: escapeHtml(ctx.from.first_name) }), {
    parse_mode: "HTML",
    reply_markup: await mainMenuFor(ctx),
  });
});

privateChats.callbackQuery(callbacks.menu("help"), async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("help-text"), { parse_mode: "HTML" });
});

privateChats.command("bantuan", async (ctx) => {
  await ctx.reply(ctx.t("help-text"), { parse_mode: "HTML" });
});
