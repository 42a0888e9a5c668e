import type { Message, UserFromGetMe } from "grammy/types";
import type { ReplyKeyboard } from "./markup.js";

export type { ReplyKeyboard, ShownKeyboard } from "./markup.js";

export interface TelegramEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  botInfo?: Partial<UserFromGetMe>;
  /** Source of message dates; defaults to the system clock. */
  clock?: { now(): Date };
  /** Every Bot API call is answered this long after it arrived (ms), as Telegram's round trip would; 0 by default. */
  responseDelayMs?: number;
}

export interface CreateUserOptions {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  /** Used by `shareContact()` when no number is given. */
  phone_number?: string;
  is_premium?: true;
}

/** A message as the chat shows it now: Telegram's fields plus what only the emulator knows. */
export type ChatMessage = Message & {
  edited: boolean;
  deleted: boolean;
  /** A reply keyboard, keyboard removal or force-reply sent with the message (Telegram omits these from Message). */
  reply_keyboard?: ReplyKeyboard;
  /** Whether the bot sent it silently; payment results must notify. */
  disable_notification: boolean;
};

export interface CallbackAnswer {
  id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
}

export interface ApiCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  ok: boolean;
  /** Absent when the call got no answer (a "network" fault). */
  error_code?: number;
  description?: string;
  /** Set when the emulator does not implement the method and answered a blind `true`. */
  unknown?: true;
}

export interface Fault {
  /** Which methods fail; a fault without one matches every method except getUpdates, which polls constantly. */
  method?: string | RegExp;
  chatId?: number;
  /** How many matching calls fail; Infinity is allowed. */
  times: number;
  /**
   * The HTTP error answered, or "network": the connection is cut without an answer, as by a network failure, or
   * "hang": no answer at all, until the fault is removed (or the emulator closed, or the caller gives up), then the
   * connection is cut. 401 and 409 are what getUpdates answers for a revoked token and for a second poller.
   */
  status: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502 | "network" | "hang";
  /** Seconds, for 429 (default 1). */
  retryAfter?: number;
  description?: string;
}

export interface FaultHandle {
  readonly remaining: number;
  remove(): void;
}

export interface MessageEvent {
  chatId: number;
  message: ChatMessage;
}

export interface CallbackAnswerEvent {
  chatId: number;
  answer: CallbackAnswer;
}

export type EmulatorEvents = {
  message: [MessageEvent];
  edit: [MessageEvent];
  delete: [MessageEvent];
  callbackAnswer: [CallbackAnswerEvent];
  call: [ApiCall];
};

export interface DownloadedFile {
  bytes: Buffer;
  file_name?: string;
  mime_type?: string;
}
