import { Composer } from "grammy";
import { parseWibDay, wibDayOf, type WibDay } from "../../operations/wib-day.js";
import { actorOf } from "../admin.js";
import type { BotContext } from "../context.js";
import { noticeKeyboard } from "../notice-keyboard.js";
import { dayText, reconcileReport } from "../reconcile-text.js";

/** Admins only (installed behind isAdmin): /rekonsiliasi [YYYY-MM-DD] compares a day's payments with Xendit's. */
export const reconcileFeature = new Composer<BotContext>();

reconcileFeature.chatType("private").command(["rekonsiliasi", "reconcile"], async (ctx) => {
  const { reconciliation, clock } = ctx.services;
  const now = clock.now();
  const today = wibDayOf(now);
  const text = ctx.match.trim();
  const day: WibDay | undefined = text === "" ? today : parseWibDay(text);
  if (!day) {
    await ctx.reply(ctx.t("reconcile-bad-date", { text: text.slice(0, 40), example: wibDayOf(now, 1).label }));
    return;
  }
  if (day.from > today.from) {
    await ctx.reply(ctx.t("reconcile-future-date", { day: dayText(day.label) }));
    return;
  }
  await ctx.reply(ctx.t("reconcile-started", { day: dayText(day.label) }));
  const report = await reconciliation.run(day, actorOf(ctx));
  const t = ctx.t.bind(ctx);
  const { key, vars, buttons = [] } = reconcileReport(t, report);
  await ctx.reply(t(key, vars), { parse_mode: "HTML", reply_markup: buttons.length > 0 ? noticeKeyboard(t, buttons) : undefined });
});
