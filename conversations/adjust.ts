import { randomUUID } from "node:crypto";
import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { actorOf } from "../src/bot/admin.js";
import type { BotContext, ConversationContext } from "../src/bot/context.js";
import { escapeHtml, formatRupiah, signedRupiah } from "../src/format.js";
import {
  MAX_ADJUSTMENT,
  MAX_REASON_LENGTH,
  parseAdjustmentAmount,
  parseAdjustmentReason,
  type AdjustmentOutcome,
  type MerchantAccount,
} from "../src/operations/adjustments.js";
import type { Services } from "../src/services.js";

/** Bump when the steps below change: conversations saved by an older version are then dropped, not replayed. */
export const ADJUST_CONVERSATION_VERSION = 1;
export const ADJUST_CONVERSATION = "adjust";

type Conv = Conversation<BotContext, ConversationContext>;
type Ctx = ConversationContext;

const data = { confirm: "adj:ok", abort: "adj:no" };

/** /koreksi for admins: the merchant → the signed amount → the reason → a summary → Konfirmasi or Batal. */
export function createAdjustConversation(services: Pick<Services, "adjustments">) {
  return async function adjust(conversation: Conv, ctx: Ctx): Promise<void> {
    const abortButton = () => new InlineKeyboard().text(ctx.t("adjust-cancel-button"), data.abort);
    await ctx.reply(ctx.t("adjust-ask-merchant"), { parse_mode: "HTML", reply_markup: abortButton() });
    const merchant = await readText(conversation, async (reply, text) => {
      const found = await conversation.external(() => services.adjustments.findMerchant(text));
      if (!found) await reply.reply(reply.t("adjust-merchant-not-found", { query: escapeHtml(text) }), { parse_mode: "HTML" });
      return found;
    });

    await ctx.reply(ctx.t("adjust-ask-amount", { merchant: merchantLine(ctx, merchant), balance: formatRupiah(merchant.balance) }), {
      parse_mode: "HTML",
      reply_markup: abortButton(),
    });
    const amount = await readText(conversation, async (reply, text) => {
      const parsed = parseAdjustmentAmount(text);
      if (!parsed.ok) {
        await reply.reply(reply.t(`adjust-amount-${parsed.reason}`, { max: formatRupiah(MAX_ADJUSTMENT) }), { parse_mode: "HTML" });
        return undefined;
      }
      // Told now rather than after the reason; the transaction checks again on confirmation.
      const balance = parsed.amount < 0 ? await conversation.external(async () => (await services.adjustments.account(merchant.id))?.balance ?? 0) : 0;
      if (parsed.amount < 0 && balance + parsed.amount < 0) {
        await reply.reply(reply.t("adjust-amount-exceeds-balance", { balance: formatRupiah(balance) }), { parse_mode: "HTML" });
        return undefined;
      }
      return parsed.amount;
    });

    await ctx.reply(ctx.t("adjust-ask-reason", { max: MAX_REASON_LENGTH }), { parse_mode: "HTML", reply_markup: abortButton() });
    const reason = await readText(conversation, async (reply, text) => {
      const parsed = parseAdjustmentReason(text);
      if (parsed.ok) return parsed.reason;
      await reply.reply(reply.t(`adjust-reason-${parsed.reason}`, { max: MAX_REASON_LENGTH }), { parse_mode: "HTML" });
      return undefined;
    });

    const current = await conversation.external(async () => (await services.adjustments.account(merchant.id))?.balance ?? merchant.balance);
    // Chosen once and kept in the replay log: a confirmation tapped twice or delivered again finds the same row.
    const requestKey = await conversation.external(() => `adj:${randomUUID()}`);
    const summary = await ctx.reply(
      ctx.t("adjust-summary", {
        merchant: merchantLine(ctx, merchant),
        balance: formatRupiah(current),
        amount: signedRupiah(amount),
        after: formatRupiah(current + amount),
        reason: escapeHtml(reason),
      }),
      {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard().text(ctx.t("adjust-confirm-button"), data.confirm).text(ctx.t("adjust-cancel-button"), data.abort),
      },
    );
    await waitForConfirm(conversation, summary);
    await ctx.replyWithChatAction("typing");
    const outcome = await conversation.external(() =>
      services.adjustments.apply({ merchantId: merchant.id, amount, reason, requestKey, actor: actorOf(ctx) }),
    );
    await ctx.reply(resultText(ctx, outcome, amount), { parse_mode: "HTML" });
  };
}

function merchantLine(ctx: Ctx, merchant: MerchantAccount): string {
  return ctx.t("adjust-merchant-line", {
    name: escapeHtml(merchant.name),
    username: merchant.username ? ` @${merchant.username}` : "",
    id: String(merchant.id),
    store: merchant.storeName ? escapeHtml(merchant.storeName) : ctx.t("adjust-no-store"),
  });
}

function resultText(ctx: Ctx, outcome: AdjustmentOutcome, amount: number): string {
  switch (outcome.kind) {
    case "applied":
      return ctx.t("adjust-applied", {
        id: String(outcome.adjustmentId),
        amount: signedRupiah(amount),
        before: formatRupiah(outcome.balanceBefore),
        after: formatRupiah(outcome.balanceAfter),
      });
    case "already_applied":
      return ctx.t("adjust-already-applied", { id: String(outcome.adjustmentId), balance: formatRupiah(outcome.balance) });
    case "insufficient":
      return ctx.t("adjust-insufficient", { balance: formatRupiah(outcome.balance) });
    case "unknown_merchant":
      return ctx.t("adjust-merchant-gone");
  }
}

/**
 * Waits for a typed answer that `read` accepts (it answers its own refusals). Batal ends the conversation;
 * buttons of other features are passed on; anything else is answered and skipped, leaving no trace in the replay
 * log (nor the lookups `read` made for it).
 */
async function readText<T>(conversation: Conv, read: (ctx: Ctx, text: string) => Promise<T | undefined>): Promise<T> {
  const next = await conversation.wait();
  const query = next.callbackQuery;
  if (query?.data === data.abort) await abort(conversation, next);
  if (query && !query.data?.startsWith("adj:")) return conversation.skip({ next: true });
  if (query) {
    await next.answerCallbackQuery({ text: next.t("stale-button") });
    return conversation.skip({ next: false });
  }
  const text = next.message?.text;
  if (text === undefined) {
    await next.reply(next.t("adjust-type-answer"));
    return conversation.skip({ next: false });
  }
  const value = await read(next, text);
  return value === undefined ? conversation.skip({ next: false }) : value;
}

/** Konfirmasi on the summary. Its buttons go with the first tap: the second of a double tap finds nothing to press. */
async function waitForConfirm(conversation: Conv, summary: Message): Promise<void> {
  const next = await conversation.wait();
  const query = next.callbackQuery;
  if (!query) {
    await next.reply(next.t("adjust-use-buttons"));
    return conversation.skip({ next: false });
  }
  if (query.data === data.abort) await abort(conversation, next);
  if (!query.data?.startsWith("adj:")) return conversation.skip({ next: true });
  if (query.data !== data.confirm || query.message?.message_id !== summary.message_id) {
    await next.answerCallbackQuery({ text: next.t("stale-button") });
    return conversation.skip({ next: false });
  }
  await next.answerCallbackQuery();
  await next.editMessageReplyMarkup({ reply_markup: undefined });
}

async function abort(conversation: Conv, ctx: Ctx): Promise<never> {
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  await ctx.reply(ctx.t("adjust-cancelled"));
  return conversation.halt();
}
