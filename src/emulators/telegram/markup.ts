import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import { badRequest } from "./errors.js";
import type { Params } from "./params.js";

/** Markup that changes the user's input area rather than the message; Telegram does not echo it in the Message. */
export type ReplyKeyboard = ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** The keyboard shown to the user, with string buttons normalised to objects. */
export type ShownKeyboard = Omit<ReplyKeyboardMarkup, "keyboard"> & { keyboard: Exclude<KeyboardButton, string>[][] };

export interface Markup {
  inline?: InlineKeyboardMarkup;
  replyKeyboard?: ReplyKeyboard;
}

const INLINE_ACTIONS = [
  "callback_data", "url", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
] as const;

const MAX_CALLBACK_DATA_BYTES = 64;

export function readMarkup(params: Params): Markup {
  const value = params.json("reply_markup", "reply keyboard markup");
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const markup = value as Record<string, unknown>;
  if (markup.inline_keyboard !== undefined) return { inline: readInlineKeyboard(markup.inline_keyboard) };
  if (markup.keyboard !== undefined) return { replyKeyboard: readReplyKeyboard(markup as unknown as ReplyKeyboardMarkup) };
  if (markup.remove_keyboard === true) return { replyKeyboard: markup as unknown as ReplyKeyboardRemove };
  if (markup.force_reply === true) return { replyKeyboard: markup as unknown as ForceReply };
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** Edits may only carry an inline keyboard; none means "remove it", as in Telegram. */
export function readInlineMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const markup = readMarkup(params);
  if (markup.replyKeyboard) throw badRequest("inline keyboard expected");
  return markup.inline;
}

function readInlineKeyboard(rows: unknown): InlineKeyboardMarkup | undefined {
  if (!isGrid(rows)) throw badRequest('field "inline_keyboard" must be an Array of Arrays');
  for (const button of rows.flat()) {
    const b = button as Record<string, unknown> | null;
    if (typeof b !== "object" || b === null || typeof b.text !== "string") {
      throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
    }
    if (!INLINE_ACTIONS.some((action) => b[action] !== undefined)) {
      throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }
    if (b.callback_data !== undefined) {
      const size = typeof b.callback_data === "string" ? Buffer.byteLength(b.callback_data, "utf8") : 0;
      if (size < 1 || size > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
    }
  }
  const keyboard = rows.filter((row) => row.length > 0) as InlineKeyboardButton[][];
  return keyboard.length > 0 ? { inline_keyboard: keyboard } : undefined;
}

function readReplyKeyboard(markup: ReplyKeyboardMarkup): ShownKeyboard {
  if (!isGrid(markup.keyboard)) throw badRequest('field "keyboard" must be an Array of Arrays');
  const keyboard = markup.keyboard.map((row) =>
    row.map((button) => {
      const normalised = typeof button === "string" ? { text: button } : button;
      if (typeof normalised !== "object" || normalised === null || typeof normalised.text !== "string" || normalised.text === "") {
        throw badRequest("keyboard button text is empty");
      }
      return normalised;
    }),
  );
  return { ...markup, keyboard };
}

function isGrid(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}
