import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../i18n.js";

const MAX_STORE_NAME = 80;

/** /toko — the store name printed on invoices. */
export const storeFeature = new Composer<BotContext>();

storeFeature.chatType("private").command("toko", async (ctx) => {
  const name = ctx.match.trim().replace(/\s+/g, " ");
  if (!name) {
    const current = ctx.merchant?.storeName;
    await ctx.reply(current ? ctx.t("store-current", { name: escapeHtml(current) }) : ctx.t("store-none"), { parse_mode: "HTML" });
    return;
  }
  if ([...name].length > MAX_STORE_NAME) {
    await ctx.reply(ctx.t("store-too-long", { max: MAX_STORE_NAME }));
    return;
  }
  await ctx.services.merchants.setStoreName(ctx.from.id, name);
  await ctx.reply(ctx.t("store-saved", { name: escapeHtml(name) }), { parse_mode: "HTML" });
});
