import type { CallbackQuery, Message, Update, User } from "grammy/types";
import { describeMessage, toChatMessage, type ChatState } from "./chats.js";
import type { ShownKeyboard } from "./markup.js";
import type { EmulatorState, MessageContent } from "./state.js";
import { botCommandEntities } from "./text.js";
import type { CallbackAnswer, ChatMessage, MessageEvent } from "./types.js";
import type { NewUpdate } from "./updates.js";

export interface WaitOptions {
  timeoutMs?: number;
}

/** A simulated Telegram user talking to the bot in a private chat. */
export class EmulatedUser {
  /** Index into the chat's messages from which waitForBotMessage looks. */
  private cursor = 0;

  constructor(
    private readonly state: EmulatorState,
    private readonly chat: ChatState,
  ) {}

  get id(): number {
    return this.chat.id;
  }

  /** The private chat's id, which is the user's id. */
  get chatId(): number {
    return this.chat.id;
  }

  get user(): User {
    return this.chat.user;
  }

  get callbackAnswers(): readonly CallbackAnswer[] {
    return this.chat.callbackAnswers;
  }

  /** Types a text; /commands get their bot_command entities like in the real app. */
  sendText(text: string, extra: MessageContent = {}): Promise<Message> {
    const entities = botCommandEntities(text);
    return this.sendMessage({ text, ...(entities.length > 0 && { entities }), ...extra });
  }

  /** Sends any message content (photo, document, caption, forward_origin…) as this user. */
  sendMessage(content: MessageContent): Promise<Message> {
    return settle(() => this.state.addUserMessage(this.chat, content));
  }

  /** Shares the user's phone number, as a request_contact keyboard button does. */
  shareContact(phoneNumber?: string): Promise<Message> {
    const phone_number = phoneNumber ?? this.chat.phoneNumber;
    if (phone_number === undefined) return Promise.reject(new Error(`user ${this.id} has no phone_number to share; pass one`));
    const { first_name, last_name } = this.user;
    return this.sendMessage({
      contact: { phone_number, first_name, user_id: this.id, ...(last_name !== undefined && { last_name }) },
    });
  }

  /**
   * Presses an inline button of a bot message, found by its text or else by its exact callback_data, and queues
   * the callback_query. Resolves with the query id.
   */
  click(messageId: number, label: string): Promise<string> {
    return settle(() => this.state.updates.push(this.pressButton(messageId, label)).callback_query!.id);
  }

  /**
   * The callback_query update a press of the button makes, with its update_id, not queued: for a test that
   * delivers it to the bot itself (as Telegram does when it sends one chat's updates to two instances at once).
   */
  pressUpdate(messageId: number, label: string): Update {
    return { ...this.pressButton(messageId, label), update_id: this.state.updates.reserveId() };
  }

  private pressButton(messageId: number, label: string): NewUpdate & { callback_query: CallbackQuery } {
    const stored = this.chat.find(messageId);
    if (!stored?.fromBot) throw new Error(`chat ${this.id} has no bot message ${messageId}`);
    const buttons = stored.message.reply_markup?.inline_keyboard.flat() ?? [];
    const button = buttons.find((b) => b.text === label) ?? buttons.find((b) => "callback_data" in b && b.callback_data === label);
    if (!button) {
      const available = buttons.map((b) => JSON.stringify(b.text)).join(", ") || "none";
      throw new Error(`message ${messageId} has no button "${label}" (buttons: ${available})`);
    }
    if (!("callback_data" in button)) throw new Error(`button "${button.text}" has no callback_data to send`);
    const id = this.state.openCallbackQuery(this.chat);
    return {
      callback_query: {
        id,
        from: this.user,
        message: stored.message,
        chat_instance: String(-this.id * 7919),
        data: button.callback_data,
      },
    };
  }

  /**
   * Sends a callback_query with any data, as a modified client can: callback data is user input, and this
   * is how tests prove the bot treats it so. Resolves with the query id.
   */
  craftCallback(data: string, messageId?: number): Promise<string> {
    return settle(() => {
      const message = messageId === undefined ? undefined : this.chat.find(messageId)?.message;
      const id = this.state.openCallbackQuery(this.chat);
      this.state.updates.push({ callback_query: { id, from: this.user, message, chat_instance: String(-this.id * 7919), data } });
      return id;
    });
  }

  /** Every message of the chat, both sides, as it looks now. */
  messages(): ChatMessage[] {
    return this.chat.messages.map(toChatMessage);
  }

  botMessages(): ChatMessage[] {
    return this.chat.messages.filter((m) => m.fromBot).map(toChatMessage);
  }

  lastBotMessage(): ChatMessage | undefined {
    return this.botMessages().at(-1);
  }

  /** The reply keyboard currently shown under the input field, if any. */
  replyKeyboard(): ShownKeyboard | undefined {
    return this.chat.keyboard;
  }

  /**
   * The first bot message matching `predicate` among those sent after the message the previous call returned
   * (the first call looks at the whole chat). A new message that is edited into a match counts.
   */
  waitForBotMessage(predicate: (m: ChatMessage) => boolean = () => true, { timeoutMs = 5000 }: WaitOptions = {}): Promise<ChatMessage> {
    return this.waitUntil(timeoutMs, () => {
      for (let i = this.cursor; i < this.chat.messages.length; i++) {
        const stored = this.chat.messages[i];
        if (!stored?.fromBot) continue;
        const message = toChatMessage(stored);
        if (predicate(message)) {
          this.cursor = i + 1;
          return message;
        }
      }
      return undefined;
    }, () => `No bot message matching ${String(predicate).slice(0, 200)}`);
  }

  /** Waits until bot message `messageId` has been edited into a state matching `predicate`. */
  waitForEdit(messageId: number, predicate: (m: ChatMessage) => boolean = () => true, { timeoutMs = 5000 }: WaitOptions = {}): Promise<ChatMessage> {
    return this.waitUntil(timeoutMs, () => {
      const stored = this.chat.messages.find((m) => m.message.message_id === messageId && m.fromBot);
      const message = stored && toChatMessage(stored);
      return message?.edited && predicate(message) ? message : undefined;
    }, () => `No edit of message ${messageId} matching ${String(predicate).slice(0, 200)}`);
  }

  /** Re-runs `find` whenever this chat changes, until it yields something or time runs out. */
  private waitUntil<T>(timeoutMs: number, find: () => T | undefined, failure: () => string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    const { events } = this.state;
    return new Promise((resolve, reject) => {
      const check = ({ chatId }: MessageEvent): void => {
        if (chatId !== this.id) return;
        const match = find();
        if (match !== undefined) finish(() => resolve(match));
      };
      const timer = setTimeout(() => finish(() => reject(this.timeoutError(failure(), timeoutMs))), timeoutMs);
      const finish = (settleWith: () => void): void => {
        clearTimeout(timer);
        events.off("message", check);
        events.off("edit", check);
        settleWith();
      };
      events.on("message", check);
      events.on("edit", check);
    });
  }

  private timeoutError(what: string, timeoutMs: number): Error {
    const recent = this.botMessages().slice(-8);
    const consumed = this.chat.messages.filter((m, i) => i < this.cursor && m.fromBot).length;
    const lines = recent.map((m) => `  ${describeMessage(m)}`).join("\n") || "  (none)";
    return new Error(
      `${what} in chat ${this.id} (${this.user.first_name}) within ${timeoutMs} ms; ` +
        `${consumed} bot message(s) were already consumed by earlier waitForBotMessage calls.\n` +
        `Recent bot messages:\n${lines}`,
    );
  }
}

/** Runs synchronous work behind a promise-returning API, turning throws into rejections. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
