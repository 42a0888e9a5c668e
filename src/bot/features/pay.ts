import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Batalkan under a QR, account or checkout: cancelled at the gateway, so the old code can no longer be paid. The
 * outbox tells the outcome and replaces the prompt; here the press is answered. The id is user input: the service
 * finds only the merchant's own top-ups.
 */
export const payFeature = new Composer<BotContext>();
const privateChats = payFeature.chatType("private");

privateChats.callbackQuery(/^pay:cancel:(\d{1,12})$/, async (ctx) => {
  const result = await ctx.services.topups.cancel(ctx.from.id, Number(ctx.match[1]));
  if (result.kind === "not_found") {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t(`pay-cancel-${result.kind}`), show_alert: result.kind !== "cancelled" });
  // Asked again later, it may still be cancelled; any other answer is final for this prompt.
  if (result.kind !== "unavailable") await ctx.editMessageReplyMarkup({ reply_markup: undefined });
});
