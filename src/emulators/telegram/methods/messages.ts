import { isDeepStrictEqual } from "node:util";
import type { InlineKeyboardMarkup, Message, MessageId } from "grammy/types";
import type { ChatState, StoredMessage } from "../chats.js";
import { badRequest } from "../errors.js";
import { readInlineMarkup } from "../markup.js";
import type { MessageContent } from "../state.js";
import { readCaption, readMessageText, type FormattedText } from "../text.js";
import { readChatId, referencedMessage, sendFromBot, targetChat, type Method, type MethodContext } from "./common.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Fields a copy carries over; everything else (sender, forward info, service data) belongs to the original. */
const COPYABLE_FIELDS = [
  "text", "entities", "link_preview_options", "photo", "document", "video", "audio", "voice", "animation", "sticker",
  "video_note", "caption", "caption_entities", "show_caption_above_media", "has_media_spoiler", "contact", "location",
  "venue", "dice",
] as const satisfies readonly (keyof Message)[];

const MEDIA_FIELDS = ["photo", "document", "video", "audio", "voice", "animation"] as const satisfies readonly (keyof Message)[];

const sendMessage: Method = (ctx) => {
  const chat = targetChat(ctx);
  const text = readMessageText(ctx.params);
  const preview = ctx.params.json("link_preview_options") as Message["link_preview_options"];
  return sendFromBot(ctx, chat, { ...textContent(text), ...(preview && { link_preview_options: preview }) });
};

const editMessageText: Method = (ctx) => {
  const { chat, stored } = editableMessage(ctx);
  if (stored.message.text === undefined) throw badRequest("there is no text in the message to edit");
  return applyEdit(ctx, chat, stored, textContent(readMessageText(ctx.params)));
};

const editMessageCaption: Method = (ctx) => {
  const { chat, stored } = editableMessage(ctx);
  if (!MEDIA_FIELDS.some((field) => stored.message[field] !== undefined)) {
    throw badRequest("there is no caption in the message to edit");
  }
  const caption = readCaption(ctx.params);
  return applyEdit(ctx, chat, stored, { caption: caption?.text, caption_entities: caption?.entities });
};

const editMessageReplyMarkup: Method = (ctx) => {
  const { chat, stored } = editableMessage(ctx);
  return applyEdit(ctx, chat, stored, {});
};

const deleteMessage: Method = (ctx) => {
  const { chat, stored } = referencedMessage(ctx, "message to delete not found");
  ctx.state.deleteMessage(chat, stored);
  return true;
};

const copyMessage: Method = (ctx): MessageId => {
  const source = ctx.state.chat(readChatId(ctx.params, "from_chat_id"));
  const original = source.find(ctx.params.requireInt("message_id", "message identifier is not specified"));
  if (!original) throw badRequest("message to copy not found");
  return copy(ctx, targetChat(ctx), original);
};

/** Copies what exists, in order, skipping ids that do not (as Telegram does). */
const copyMessages: Method = (ctx): MessageId[] => {
  const source = ctx.state.chat(readChatId(ctx.params, "from_chat_id"));
  const target = targetChat(ctx);
  const ids = ctx.params.json("message_ids");
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest("message_ids is empty");
  return ids
    .map((id) => source.find(Number(id)))
    .filter((m): m is StoredMessage => m !== undefined)
    .map((original) => copy(ctx, target, original));
};

function copy(ctx: MethodContext, target: ChatState, original: StoredMessage): MessageId {
  const content: MessageContent = {};
  for (const field of COPYABLE_FIELDS) {
    if (original.message[field] !== undefined) Object.assign(content, { [field]: original.message[field] });
  }
  if (Object.keys(content).length === 0) throw badRequest("message can't be copied");
  const isMedia = MEDIA_FIELDS.some((field) => content[field] !== undefined);
  if (isMedia && ctx.params.has("caption")) {
    const caption = readCaption(ctx.params);
    content.caption = caption?.text;
    content.caption_entities = caption?.entities;
  }
  return { message_id: sendFromBot(ctx, target, content).message_id };
}

function textContent({ text, entities }: FormattedText): MessageContent {
  return { text, entities };
}

function editableMessage(ctx: MethodContext): { chat: ChatState; stored: StoredMessage } {
  const found = referencedMessage(ctx, "message to edit not found");
  if (!found.stored.fromBot) throw badRequest("message can't be edited");
  return found;
}

/** An edit replaces the inline keyboard too: leaving reply_markup out removes it, as in Telegram. */
function applyEdit(ctx: MethodContext, chat: ChatState, stored: StoredMessage, changes: MessageContent): Message {
  const markup: InlineKeyboardMarkup | undefined = readInlineMarkup(ctx.params);
  const next = { ...changes, reply_markup: markup };
  const current: Record<string, unknown> = { ...stored.message };
  const unchanged = Object.entries(next).every(([field, value]) => isDeepStrictEqual(current[field], value));
  if (unchanged) throw badRequest(NOT_MODIFIED);
  return ctx.state.editMessage(chat, stored, next);
}

export const messageMethods: Record<string, Method> = {
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  copyMessage,
  copyMessages,
};
