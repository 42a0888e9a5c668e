import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext, ConversationContext } from "../src/bot/context.js";
import { replyRemovingKeyboard } from "../src/bot/cosmetic.js";
import type { MethodGroup, MethodId } from "../src/payments/methods.js";

export type Conv = Conversation<BotContext, ConversationContext>;
export type Ctx = ConversationContext;

export const amountPrefix = "tu:amt:";
export const groupPrefix = "tu:g:";
export const methodPrefix = "tu:m:";

/** The top-up's buttons: all "tu:", so that other features' buttons pass by (see choose). */
export const data = {
  amount: (value: number | "other") => `${amountPrefix}${value}`,
  group: (group: MethodGroup) => `${groupPrefix}${group}`,
  method: (id: MethodId) => `${methodPrefix}${id}`,
  /** A method or group that cannot take the amount: pressing it answers why. */
  unavailable: (what: string) => `tu:x:${what}`,
  back: "tu:back",
  proceed: "tu:continue",
  ok: "tu:ok",
  changePhone: "tu:phone",
  pay: "tu:pay",
  change: "tu:change",
  cancel: "tu:cancel",
};

export interface ChooseOptions<T> {
  /** A typed answer: its value, or undefined once the reader has said why it is refused. */
  read?: (ctx: Ctx) => Promise<T | undefined>;
  /** Buttons of the prompt that are shown but refused, each with the answer a press gets. */
  refusals?: Record<string, string>;
}

/**
 * Waits for one of `choices` pressed on `prompt`, or for a message that `read` accepts. Buttons of other
 * (older) messages are answered as no longer active; Batal ends the conversation. Anything else is answered and
 * then skipped: it leaves no trace in the replay log, so junk cannot grow the stored state, and its answer (already
 * sent) is not sent again when later updates replay the conversation.
 */
export async function choose<T>(
  conversation: Conv,
  prompt: Message,
  choices: string[],
  { read, refusals = {} }: ChooseOptions<T> = {},
): Promise<{ value: string | T; ctx: Ctx }> {
  const next = await conversation.wait();
  const query = next.callbackQuery;
  // Buttons of other features (an invoice, the history, the menu) keep working during a top-up.
  if (query && !query.data?.startsWith("tu:")) return conversation.skip({ next: true });
  if (query) {
    const current = query.message?.message_id === prompt.message_id;
    if (current && query.data === data.cancel) await cancel(conversation, next);
    const refusal = current && query.data !== undefined ? refusals[query.data] : undefined;
    if (refusal !== undefined) {
      await next.answerCallbackQuery({ text: refusal, show_alert: true });
      return conversation.skip({ next: false });
    }
    if (!current || !query.data || !choices.includes(query.data)) {
      await next.answerCallbackQuery({ text: next.t("stale-button") });
      return conversation.skip({ next: false });
    }
    await next.answerCallbackQuery();
    // Leave the choice visible but take the buttons away, so the same step cannot be answered twice.
    await next.editMessageReplyMarkup({ reply_markup: undefined });
    return { value: query.data, ctx: next };
  }
  // A reader answers its own refusals; anything else (a sticker, text at a buttons-only step) gets a hint.
  const readable = next.message?.text !== undefined || next.message?.contact !== undefined;
  if (!read || !readable) {
    await next.reply(next.t("topup-use-buttons"));
    return conversation.skip({ next: false });
  }
  const value = await read(next);
  return value === undefined ? conversation.skip({ next: false }) : { value, ctx: next };
}

export async function cancel(conversation: Conv, ctx: Ctx): Promise<never> {
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  }
  await replyRemovingKeyboard(ctx, ctx.t("topup-cancelled"));
  return conversation.halt();
}

/** The last step before money moves: the yes on a row of its own, then the change and Batal. */
export function confirmKeyboard(ctx: Ctx, yes: [label: string, data: string], change: [label: string, data: string]): InlineKeyboard {
  return new InlineKeyboard().text(...yes).row().text(...change).text(ctx.t("topup-cancel"), data.cancel);
}
