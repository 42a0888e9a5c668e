import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { mainMenuFor } from "../repeat.js";

/** Last in line: whatever nobody handled gets a short, friendly answer instead of silence. */
export const fallbackFeature = new Composer<BotContext>();
const privateChats = fallbackFeature.chatType("private");

// Every query gets an answer, even one without a message (a modified client), or its button keeps spinning.
fallbackFeature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("stale-button") }));

privateChats.on("message:entities:bot_command", (ctx) => ctx.reply(ctx.t("unknown-command")));

privateChats.on("message", async (ctx) => ctx.reply(ctx.t("unknown-text"), { reply_markup: await mainMenuFor(ctx) }));
