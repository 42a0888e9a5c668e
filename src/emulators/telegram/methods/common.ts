import type { Message } from "grammy/types";

type ReplyMessage = NonNullable<Message["reply_to_message"]>;
import type { ChatState, StoredMessage } from "../chats.js";
import { badRequest, chatNotFound } from "../errors.js";
import type { Upload } from "../files.js";
import { readMarkup } from "../markup.js";
import type { Params } from "../params.js";
import type { EmulatorState, MessageContent } from "../state.js";

export interface MethodContext {
  state: EmulatorState;
  params: Params;
  /** Multipart file parts by field name. */
  uploads: ReadonlyMap<string, Upload>;
  /** Aborts when the bot disconnects (a cancelled long poll). */
  signal: AbortSignal;
}

export type Method = (ctx: MethodContext) => unknown;

/** A chat id as Telegram reads it; @usernames name channels, which the emulator has none of. */
export function readChatId(params: Params, field = "chat_id"): number {
  const value = params.raw(field);
  if (value === undefined || value === "") throw badRequest(`${field} is empty`);
  if (typeof value === "string" && !/^-?\d+$/.test(value.trim())) throw chatNotFound();
  return params.requireInt(field);
}

/** The chat a method targets through `chat_id`. */
export function targetChat({ state, params }: MethodContext): ChatState {
  return state.chat(readChatId(params));
}

/** The message an edit or delete refers to (chat_id + message_id); inline messages do not exist here. */
export function referencedMessage(ctx: MethodContext, notFound: string): { chat: ChatState; stored: StoredMessage } {
  if (ctx.params.has("inline_message_id")) throw badRequest("MESSAGE_ID_INVALID");
  const chat = targetChat(ctx);
  const stored = chat.find(ctx.params.requireInt("message_id", "message identifier is not specified"));
  if (!stored) throw badRequest(notFound);
  return { chat, stored };
}

/** What every send method shares: markup, reply target, notification flags. */
export function sendFromBot(ctx: MethodContext, chat: ChatState, content: MessageContent): Message {
  const { params, state } = ctx;
  const markup = readMarkup(params);
  const replyTo = readReplyTarget(params, chat);
  const extra: MessageContent = {
    ...(replyTo && { reply_to_message: replyTo }),
    ...(params.bool("protect_content") && { has_protected_content: true as const }),
  };
  return state.addBotMessage(chat, { ...content, ...extra }, { markup, silent: params.bool("disable_notification") }).message;
}

function readReplyTarget(params: Params, chat: ChatState): ReplyMessage | undefined {
  const parameters = params.json("reply_parameters");
  if (parameters !== undefined && (typeof parameters !== "object" || parameters === null)) {
    throw badRequest("can't parse reply parameters JSON object");
  }
  const reply = parameters as { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
  const messageId = reply !== undefined ? Number(reply.message_id) : params.int("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const target = chat.find(messageId);
  const allowMissing = reply !== undefined ? reply.allow_sending_without_reply === true : params.bool("allow_sending_without_reply");
  if (!target && !allowMissing) throw badRequest("message to be replied not found");
  if (!target) return undefined;
  // Telegram does not nest replies inside replies.
  const message: Message = { ...target.message };
  delete message.reply_to_message;
  return message as ReplyMessage;
}
