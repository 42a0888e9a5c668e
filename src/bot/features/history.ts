import { Composer, InlineKeyboard, InputFile } from "grammy";
import { escapeHtml, formatRupiah, formatWib, signedRupiah } from "../../format.js";
import { methodOfChannel } from "../../payments/methods.js";
import type { HistoryEntry, Topup } from "../../payments/topup-service.js";
import type { BotContext } from "../context.js";
import { editOrReply } from "../cosmetic.js";
import { callbacks } from "../keyboards.js";
import { failureReason, methodLabel, statusText } from "../payment-text.js";

const PAGE_SIZE = 5;

export const historyFeature = new Composer<BotContext>();
const privateChats = historyFeature.chatType("private");

type Translate = BotContext["t"];

const data = {
  page: (page: number) => `hist:p:${page}`,
  detail: (topupId: number, page: number) => `hist:d:${topupId}:${page}`,
};

/** One line of the list: a payment, or an admin's correction of the balance with its reason. */
function renderItem(t: Translate, entry: HistoryEntry, number: number): string {
  if (entry.kind === "adjustment") {
    const { amount, createdAt, reason } = entry.adjustment;
    return t("adjust-history-item", { number, date: formatWib(createdAt), amount: signedRupiah(amount), reason: escapeHtml(reason) });
  }
  const { topup } = entry;
  return t("history-item", {
    number,
    date: formatWib(topup.createdAt),
    amount: formatRupiah(topup.amount),
    method: methodLabel(t, topup),
    status: statusText(t, topup),
  });
}

/** The list view: up to five entries as text, the payments among them as buttons, with ◀ ▶ when there is more. */
function renderPage(t: Translate, entries: HistoryEntry[], page: number, pages: number) {
  const short = (topup: Topup) => formatWib(topup.createdAt).replace(/\/\d{4}/, "").replace(" WIB", "");
  const lines = entries.map((entry, index) => renderItem(t, entry, page * PAGE_SIZE + index + 1));
  const topups = entries.flatMap((entry) => (entry.kind === "topup" ? [entry.topup] : []));
  const keyboard = new InlineKeyboard();
  for (const topup of topups) {
    keyboard.text(t("history-button", { date: short(topup), amount: formatRupiah(topup.amount), status: statusText(t, topup) }), data.detail(topup.id, page)).row();
  }
  if (page > 0) keyboard.text("◀", data.page(page - 1));
  if (page < pages - 1) keyboard.text("▶", data.page(page + 1));
  const text = [t("history-title", { page: page + 1, pages }), "", ...lines, "", t("history-tap-hint")].join("\n");
  return { text, keyboard };
}

async function showHistory(ctx: BotContext, requestedPage: number, edit: boolean): Promise<void> {
  const { items, page, pages } = await ctx.services.topups.history(ctx.from!.id, requestedPage, PAGE_SIZE);
  if (pages === 0) {
    await ctx.reply(ctx.t("history-empty"), { reply_markup: new InlineKeyboard().text(ctx.t("menu-topup"), callbacks.menu("topup")) });
    return;
  }
  const { text, keyboard } = renderPage(ctx.t, items, page, pages);
  if (edit) await editOrReply(ctx, text, { parse_mode: "HTML", reply_markup: keyboard });
  else await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

function renderDetail(t: Translate, topup: Topup, invoiceNumber: string | undefined): string {
  const lines = [
    t("history-detail", {
      reference: topup.referenceId,
      amount: formatRupiah(topup.amount),
      method: methodLabel(t, topup),
      status: statusText(t, topup),
      created: formatWib(topup.createdAt),
    }),
  ];
  if (topup.paidAt) lines.push(t("history-detail-paid", { paid: formatWib(topup.paidAt) }));
  if (invoiceNumber) lines.push(t("history-detail-invoice", { number: invoiceNumber }));
  if (topup.status === "failed" || topup.status === "expired") lines.push(t("history-detail-reason", { reason: failureReason(t, topup.failureCode, methodOfChannel(topup.channelCode)) }));
  return lines.join("\n");
}

privateChats.command("riwayat", (ctx) => showHistory(ctx, 0, false));

privateChats.callbackQuery(callbacks.menu("history"), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showHistory(ctx, 0, false);
});

privateChats.callbackQuery(/^hist:p:(\d{1,6})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showHistory(ctx, Number(ctx.match[1]), true);
});

/** Ids in callback data are user input: a payment that is not the presser's looks exactly like a missing one. */
privateChats.callbackQuery(/^hist:d:(\d{1,12}):(\d{1,6})$/, async (ctx) => {
  const topup = await ctx.services.topups.findOwned(ctx.from.id, Number(ctx.match[1]));
  if (!topup) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  await ctx.answerCallbackQuery();
  const invoice = await ctx.services.invoices.findOwned(ctx.from.id, topup.id);
  const keyboard = new InlineKeyboard();
  if (invoice) keyboard.text(ctx.t("invoice-button"), callbacks.invoice(topup.id));
  keyboard.text(ctx.t("history-back"), data.page(Number(ctx.match[2])));
  await editOrReply(ctx, renderDetail(ctx.t, topup, invoice?.number), { parse_mode: "HTML", reply_markup: keyboard });
});

privateChats.callbackQuery(/^inv:(\d{1,12})$/, async (ctx) => {
  const invoice = await ctx.services.invoices.findOwned(ctx.from.id, Number(ctx.match[1]));
  if (!invoice) {
    await ctx.answerCallbackQuery({ text: ctx.t("invoice-not-found") });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.replyWithChatAction("upload_document");
  const caption = ctx.t("invoice-caption", { number: invoice.number });
  if (invoice.telegramFileId) {
    await ctx.replyWithDocument(invoice.telegramFileId, { caption });
    return;
  }
  const { bytes, filename } = await ctx.services.invoices.pdf(invoice);
  const sent = await ctx.replyWithDocument(new InputFile(bytes, filename), { caption });
  if (sent.document) await ctx.services.invoices.rememberFileId(invoice.id, sent.document.file_id);
});
