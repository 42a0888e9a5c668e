import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { callbacks, statusButton } from "../keyboards.js";
import { statusLine } from "../payment-text.js";

export const statusFeature = new Composer<BotContext>();
const privateChats = statusFeature.chatType("private");

/** Payments still in progress, each first checked at the gateway; else the last payment's outcome. */
async function showStatus(ctx: BotContext): Promise<void> {
  const merchantId = ctx.from!.id;
  await ctx.replyWithChatAction("typing");
  const refreshed = await ctx.services.checks.refreshOpen(merchantId);
  const lines = [ctx.t("status-title")];
  if (refreshed.length > 0) lines.push(...refreshed.map((topup) => statusLine(ctx.t, topup)));
  else {
    lines.push(ctx.t("status-none"));
    const last = await ctx.services.topups.latest(merchantId);
    if (last) lines.push("", ctx.t("status-last"), statusLine(ctx.t, last));
  }
  const stillOpen = refreshed.some((topup) => topup.status === "pending" || topup.status === "creating");
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: stillOpen ? statusButton(ctx.t) : undefined });
}

privateChats.command("status", showStatus);
privateChats.callbackQuery([callbacks.menu("status"), callbacks.status], async (ctx) => {
  await ctx.answerCallbackQuery();
  await showStatus(ctx);
});
