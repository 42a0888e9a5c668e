import { Composer } from "grammy";
import { formatRupiah, formatWib, signedRupiah } from "../../format.js";
import type { AdjustmentPeriod, TopupPeriod } from "../../stats/stats-service.js";
import { broadcastLine } from "../broadcast-text.js";
import type { BotContext } from "../context.js";

/** Admins only (installed behind isAdmin): how merchants and top-ups are doing. */
export const statsFeature = new Composer<BotContext>();

const RECENT_BROADCASTS = 5;

type Translate = BotContext["t"];

function periodLine(t: Translate, period: TopupPeriod): string {
  const rate = period.finalised === 0 ? t("admin-stats-no-rate") : `${Math.round((period.succeeded * 100) / period.finalised)}%`;
  return t("admin-stats-period", { started: period.started, amount: formatRupiah(period.amount), rate });
}

function adjustmentLine(t: Translate, period: AdjustmentPeriod): string {
  return t("adjust-stats-period", { count: period.count, net: signedRupiah(period.net) });
}

statsFeature.chatType("private").command("stats", async (ctx) => {
  const { stats, broadcasts, clock } = ctx.services;
  const figures = await stats.collect();
  const recent = await broadcasts.recent(RECENT_BROADCASTS);
  const t = ctx.t.bind(ctx);
  const topups = t("admin-stats", {
    now: formatWib(clock.now()),
    ...figures.merchants,
    today: periodLine(t, figures.topups.today),
    week: periodLine(t, figures.topups.week),
    month: periodLine(t, figures.topups.month),
    pendingCount: figures.pending.count,
    pendingAmount: formatRupiah(figures.pending.amount),
    outstanding: formatRupiah(figures.outstanding),
    broadcasts: recent.length === 0 ? t("admin-stats-no-broadcasts") : recent.map((summary) => broadcastLine(t, summary)).join("\n"),
  });
  const adjustments = t("adjust-stats", {
    today: adjustmentLine(t, figures.adjustments.today),
    week: adjustmentLine(t, figures.adjustments.week),
    month: adjustmentLine(t, figures.adjustments.month),
  });
  await ctx.reply([topups, adjustments].join("\n\n"), { parse_mode: "HTML" });
});
