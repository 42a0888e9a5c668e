import type { Chat, Message, User } from "grammy/types";
import type { ReplyKeyboard, ShownKeyboard } from "./markup.js";
import type { CallbackAnswer, ChatMessage } from "./types.js";

export interface StoredMessage {
  /** The message exactly as the Bot API returns it now; replaced, never mutated, so updates already sent keep their content. */
  message: Message;
  fromBot: boolean;
  edited: boolean;
  deleted: boolean;
  replyKeyboard?: ReplyKeyboard;
  silent: boolean;
}

/** One user's private chat with the bot (its id is the user's id). */
export class ChatState {
  readonly messages: StoredMessage[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  blocked = false;
  keyboard: ShownKeyboard | undefined;
  private lastMessageId = 0;

  constructor(
    readonly user: User,
    readonly phoneNumber: string | undefined,
  ) {}

  get id(): number {
    return this.user.id;
  }

  get chat(): Chat.PrivateChat {
    const { id, first_name, last_name, username } = this.user;
    return { id, type: "private", first_name, ...(last_name && { last_name }), ...(username && { username }) };
  }

  /** Both sides of a private chat share one message id sequence. */
  nextMessageId(): number {
    return ++this.lastMessageId;
  }

  find(messageId: number): StoredMessage | undefined {
    return this.messages.find((m) => m.message.message_id === messageId && !m.deleted);
  }

  showKeyboard(markup: ReplyKeyboard): void {
    if ("keyboard" in markup) this.keyboard = markup as ShownKeyboard;
    else if ("remove_keyboard" in markup) this.keyboard = undefined;
  }

  /** A one-time keyboard hides as soon as the user answers. */
  userAnswered(): void {
    if (this.keyboard?.one_time_keyboard) this.keyboard = undefined;
  }
}

export function toChatMessage(stored: StoredMessage): ChatMessage {
  return {
    ...stored.message,
    edited: stored.edited,
    deleted: stored.deleted,
    disable_notification: stored.silent,
    ...(stored.replyKeyboard && { reply_keyboard: stored.replyKeyboard }),
  };
}

/** One line per message for error messages: what a human would look for in the chat. */
export function describeMessage(m: ChatMessage): string {
  const body =
    m.text ?? (m.document ? `[document ${m.document.file_name ?? m.document.file_id}]` : m.photo ? "[photo]" : "[non-text]");
  const caption = m.caption !== undefined ? ` ${JSON.stringify(m.caption)}` : "";
  const buttons = m.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
  const flags = [m.edited && "edited", m.deleted && "deleted"].filter(Boolean).join(", ");
  return [
    `#${m.message_id} ${m.text !== undefined ? JSON.stringify(body) : body}${caption}`,
    buttons.length > 0 ? ` buttons: [${buttons.join(" | ")}]` : "",
    flags ? ` (${flags})` : "",
  ].join("");
}
