import { Composer } from "grammy";
import { TOPUP_CONVERSATION, type TopupEntry } from "../../../conversations/topup.js";
import type { BotContext } from "../context.js";
import { callbacks } from "../keyboards.js";
import { repeatPlan } from "../repeat.js";

export const topupFeature = new Composer<BotContext>();
const privateChats = topupFeature.chatType("private");

privateChats.command("topup", (ctx) => ctx.conversation.enter(TOPUP_CONVERSATION));

/** A button can start a top-up while another is half done: that one is left for the new one. */
async function restartTopup(ctx: BotContext, entry?: TopupEntry): Promise<void> {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(TOPUP_CONVERSATION, ...(entry === undefined ? [] : [entry]));
}

privateChats.callbackQuery(callbacks.menu("topup"), async (ctx) => {
  await ctx.answerCallbackQuery();
  await restartTopup(ctx);
});

/** "Coba lagi" on a failed payment: the same amount again, straight to the method. The id is user input. */
privateChats.callbackQuery(/^retry:(\d{1,12})$/, async (ctx) => {
  const topup = await ctx.services.topups.findOwned(ctx.from.id, Number(ctx.match[1]));
  if (!topup) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  await ctx.answerCallbackQuery();
  await restartTopup(ctx, { amount: topup.amount });
});

/** "Top up lagi" (main menu, success notice): the same amount, method and number or bank, after one confirmation. The id is user input. */
privateChats.callbackQuery(/^rp:(\d{1,12})$/, async (ctx) => {
  const topup = await ctx.services.topups.findOwned(ctx.from.id, Number(ctx.match[1]));
  if (!topup) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  const plan = repeatPlan(ctx.services.methods, topup);
  if (!plan) {
    await ctx.answerCallbackQuery({ text: ctx.t("repeat-unavailable") });
    return;
  }
  await ctx.answerCallbackQuery();
  await restartTopup(ctx, { repeat: plan });
});
