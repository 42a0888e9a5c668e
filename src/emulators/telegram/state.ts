import type { EventEmitter } from "node:events";
import type { BotCommand, Message, Update, User, UserFromGetMe } from "grammy/types";
import { ChatState, toChatMessage, type StoredMessage } from "./chats.js";
import { chatNotFound } from "./errors.js";
import { FaultInjector } from "./faults.js";
import { FileStore } from "./files.js";
import type { Markup } from "./markup.js";
import type { ApiCall, CallbackAnswer, EmulatorEvents } from "./types.js";
import { UpdateQueue } from "./updates.js";
import { WebhookDelivery } from "./webhook.js";

/** What a message carries, without the envelope (id, date, chat, sender) the emulator assigns. */
export type MessageContent = Omit<Partial<Message>, "message_id" | "date" | "chat" | "from">;

export interface BotSendOptions {
  markup?: Markup;
  silent?: boolean;
}

/** Everything the Bot API methods and the simulated users share. */
export class EmulatorState {
  readonly chats = new Map<number, ChatState>();
  readonly updates = new UpdateQueue();
  readonly webhook: WebhookDelivery;
  readonly files = new FileStore();
  readonly faults = new FaultInjector();
  readonly calls: ApiCall[] = [];
  /** Callback queries not answered yet, by id, with the chat they came from. */
  readonly openQueries = new Map<string, number>();
  /** Bot commands per `JSON(scope)|language_code`. */
  readonly commands = new Map<string, BotCommand[]>();
  readonly menuButtons = new Map<string, unknown>();
  private lastQueryId = 0;
  /** See TelegramEmulatorOptions.responseDelayMs. */
  responseDelayMs = 0;

  constructor(
    readonly botInfo: UserFromGetMe,
    readonly events: EventEmitter<EmulatorEvents>,
    private readonly clock: { now(): Date },
  ) {
    this.webhook = new WebhookDelivery(this.updates, () => this.now());
  }

  /** Unix seconds, as in Message.date. */
  now(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  get botUser(): User {
    const { id, is_bot, first_name, last_name, username } = this.botInfo;
    return { id, is_bot, first_name, username, ...(last_name !== undefined && { last_name }) };
  }

  chat(chatId: number): ChatState {
    const chat = this.chats.get(chatId);
    if (!chat) throw chatNotFound();
    return chat;
  }

  addBotMessage(chat: ChatState, content: MessageContent, { markup = {}, silent = false }: BotSendOptions = {}): StoredMessage {
    const stored = this.store(chat, this.botUser, { ...content, ...(markup.inline && { reply_markup: markup.inline }) });
    stored.silent = silent;
    if (markup.replyKeyboard) {
      stored.replyKeyboard = markup.replyKeyboard;
      chat.showKeyboard(markup.replyKeyboard);
    }
    this.events.emit("message", { chatId: chat.id, message: toChatMessage(stored) });
    return stored;
  }

  /** A message from the user: stored, shown, and queued for the bot as a `message` update. */
  addUserMessage(chat: ChatState, content: MessageContent): Message {
    // Writing to the bot again is how a user undoes a block.
    chat.blocked = false;
    chat.userAnswered();
    const stored = this.store(chat, chat.user, content);
    this.events.emit("message", { chatId: chat.id, message: toChatMessage(stored) });
    // Private chats only, so the NonChannel promise holds.
    this.updates.push({ message: stored.message as Message & Update.NonChannel });
    return stored.message;
  }

  editMessage(chat: ChatState, stored: StoredMessage, changes: MessageContent): Message {
    stored.message = withoutUndefined({ ...stored.message, ...changes, edit_date: this.now() });
    stored.edited = true;
    this.events.emit("edit", { chatId: chat.id, message: toChatMessage(stored) });
    return stored.message;
  }

  deleteMessage(chat: ChatState, stored: StoredMessage): void {
    stored.deleted = true;
    this.events.emit("delete", { chatId: chat.id, message: toChatMessage(stored) });
  }

  openCallbackQuery(chat: ChatState): string {
    // Telegram's query ids are long numeric strings.
    const id = String(4_300_000_000_000_000 + ++this.lastQueryId);
    this.openQueries.set(id, chat.id);
    return id;
  }

  answerCallbackQuery(chat: ChatState, answer: CallbackAnswer): void {
    this.openQueries.delete(answer.id);
    chat.callbackAnswers.push(answer);
    this.events.emit("callbackAnswer", { chatId: chat.id, answer });
  }

  private store(chat: ChatState, from: User, content: MessageContent): StoredMessage {
    const message = withoutUndefined({
      message_id: chat.nextMessageId(),
      from,
      chat: chat.chat,
      date: this.now(),
      ...content,
    });
    const stored: StoredMessage = { message, fromBot: from.is_bot, edited: false, deleted: false, silent: false };
    chat.messages.push(stored);
    return stored;
  }
}

/** Telegram omits absent fields instead of sending nulls; keeps "not modified" comparisons honest too. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
