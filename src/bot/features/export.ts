import { Composer, InlineKeyboard, InputFile } from "grammy";
import { formatRupiah, formatWib } from "../../format.js";
import { isAfter, isEmpty, monthLabel, parseMonth, previousMonth, wibMonthOf, type ExportTotals, type Month } from "../../operations/export.js";
import type { BotContext } from "../context.js";

/** Admins only (installed behind isAdmin): /ekspor 2026-11 sends that Jakarta month as a CSV document. */
export const exportFeature = new Composer<BotContext>();
const privateChats = exportFeature.chatType("private");

const exportData = (month: Month) => `exp:${monthLabel(month)}`;

/** The current and the previous month as buttons: the two an accountant asks for. */
function monthButtons(current: Month): InlineKeyboard {
  const previous = previousMonth(current);
  return new InlineKeyboard().text(monthLabel(previous), exportData(previous)).text(monthLabel(current), exportData(current));
}

/** Explains (`key`) and asks again, with the months that can be tapped instead of typed. */
async function askMonth(ctx: BotContext, key: string, vars: Record<string, string> = {}): Promise<void> {
  const current = wibMonthOf(ctx.services.clock.now());
  await ctx.reply(ctx.t(key, { example: monthLabel(current), ...vars }), { reply_markup: monthButtons(current) });
}

function caption(ctx: BotContext, month: Month, totals: ExportTotals): string {
  const { topups, adjustments } = totals;
  return ctx.t("export-caption", {
    month: monthLabel(month),
    now: formatWib(ctx.services.clock.now()),
    count: Object.values(topups).reduce((sum, n) => sum + n, 0),
    succeeded: topups.succeeded,
    failed: topups.failed,
    expired: topups.expired,
    open: topups.creating + topups.pending,
    paid: formatRupiah(totals.paid),
    credits: adjustments.credits,
    credit: formatRupiah(adjustments.credit),
    debits: adjustments.debits,
    debit: formatRupiah(adjustments.debit),
    net: formatRupiah(adjustments.net),
  });
}

async function sendMonth(ctx: BotContext, month: Month): Promise<void> {
  if (isAfter(month, wibMonthOf(ctx.services.clock.now()))) {
    await askMonth(ctx, "export-future-month", { month: monthLabel(month) });
    return;
  }
  await ctx.replyWithChatAction("upload_document");
  await ctx.services.exports.withFile(month, async ({ path, filename, totals }) => {
    if (isEmpty(totals)) await ctx.reply(ctx.t("export-empty", { month: monthLabel(month) }));
    else await ctx.replyWithDocument(new InputFile(path, filename), { caption: caption(ctx, month, totals) });
  });
}

privateChats.command(["ekspor", "export"], async (ctx) => {
  const typed = ctx.match.trim();
  if (typed === "") return askMonth(ctx, "export-usage");
  const month = parseMonth(typed);
  // Echoed back in the answer: a whole paragraph typed by mistake would make it too long to send.
  if (!month) return askMonth(ctx, "export-bad-month", { input: typed.slice(0, 32) });
  await sendMonth(ctx, month);
});

// Callback data is user input: only a well-formed month gets through the pattern and parseMonth.
privateChats.callbackQuery(/^exp:(\d{4}-\d{2})$/, async (ctx) => {
  const month = parseMonth(ctx.match[1]!);
  if (!month) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  await ctx.answerCallbackQuery();
  await sendMonth(ctx, month);
});
