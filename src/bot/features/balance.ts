import { Composer } from "grammy";
import { formatRupiah } from "../../format.js";
import { balanceOf } from "../../payments/ledger.js";
import type { BotContext } from "../context.js";
import { callbacks } from "../keyboards.js";

export const balanceFeature = new Composer<BotContext>();
const privateChats = balanceFeature.chatType("private");

async function showBalance(ctx: BotContext): Promise<void> {
  const balance = await balanceOf(ctx.services.database.stores, ctx.from!.id);
  await ctx.reply(ctx.t("balance-text", { balance: formatRupiah(balance) }), { parse_mode: "HTML" });
}

privateChats.command("saldo", showBalance);
privateChats.callbackQuery(callbacks.menu("balance"), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showBalance(ctx);
});
