import { Composer } from "grammy";
import { ADJUST_CONVERSATION } from "../../../conversations/adjust.js";
import type { BotContext } from "../context.js";

/** Admins only (installed behind isAdmin): a manual credit or debit of a merchant's Coin Premium. */
export const adjustFeature = new Composer<BotContext>();

adjustFeature.chatType("private").command(["koreksi", "adjust"], (ctx) => ctx.conversation.enter(ADJUST_CONVERSATION));
