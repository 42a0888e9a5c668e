import { GrammyError, type Context, type Transformer } from "grammy";
import type { InlineKeyboardMarkup, Message, ParseMode } from "grammy/types";

/**
 * Bot API methods whose failure costs the merchant nothing they need: a chat action, the command menu, the answer
 * that stops a button's spinner, taking buttons away (every step ignores presses on buttons it did not just offer).
 */
const cosmeticMethods = new Set(["sendChatAction", "setMyCommands", "answerCallbackQuery", "editMessageReplyMarkup"]);

/** Where a swallowed failure is told: the method and Telegram's answer, never the payload (it holds merchants' data). */
export type CosmeticFailureReport = (method: string, failure: { error_code?: number; description: string }) => unknown;

/**
 * An API transformer that answers a failed cosmetic call (any error: 4xx, 429, 5xx, no answer) as done, after
 * reporting it. Install it before auto-retry, which then never waits on one: a chat action is not worth a delay.
 */
export function tolerateCosmetic(report: CosmeticFailureReport): Transformer {
  return async (prev, method, payload, signal) => {
    if (!cosmeticMethods.has(method)) return prev(method, payload, signal);
    try {
      const response = await prev(method, payload, signal);
      if (response.ok) return response;
      await report(method, { error_code: response.error_code, description: response.description });
    } catch (error) {
      await report(method, { description: error instanceof Error ? error.message : String(error) });
    }
    // `true` is what every one of these methods may return.
    return { ok: true, result: true as never };
  };
}

type Content = { parse_mode?: ParseMode; reply_markup?: InlineKeyboardMarkup };

/** A step's new text is content, its place is not: when the message cannot be edited, the text comes as a new message. */
export async function editOrReply(ctx: Context, text: string, other: Content): Promise<Message> {
  try {
    const edited = await ctx.editMessageText(text, other);
    return edited === true ? ctx.msg! : edited;
  } catch (error) {
    // A second tap asked for the view already shown: it is there.
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return ctx.msg!;
    return ctx.reply(text, other);
  }
}

/** Taking the reply keyboard away is cosmetic, the text is not: if Telegram refuses the removal, the text goes alone. */
export async function replyRemovingKeyboard(ctx: Context, text: string, other: Omit<Content, "reply_markup"> = {}): Promise<Message> {
  try {
    return await ctx.reply(text, { ...other, reply_markup: { remove_keyboard: true } });
  } catch {
    return ctx.reply(text, other);
  }
}
