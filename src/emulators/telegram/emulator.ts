import { EventEmitter } from "node:events";
import type { BotCommand, BotCommandScope, Update, UserFromGetMe } from "grammy/types";
import { ChatState } from "./chats.js";
import { EmulatorServer } from "./server.js";
import { EmulatorState } from "./state.js";
import type {
  ApiCall,
  CreateUserOptions,
  DownloadedFile,
  EmulatorEvents,
  Fault,
  FaultHandle,
  TelegramEmulatorOptions,
} from "./types.js";
import { commandsKeyOf } from "./methods/settings.js";
import type { NewUpdate } from "./updates.js";
import { EmulatedUser } from "./users.js";

export const DEFAULT_BOT: UserFromGetMe = {
  id: 123,
  is_bot: true,
  first_name: "Test Bot",
  username: "test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** An in-memory Telegram Bot API server with simulated users, for tests and the playground. */
export class TelegramEmulator extends EventEmitter<EmulatorEvents> {
  private readonly state: EmulatorState;
  private server: EmulatorServer | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: TelegramEmulatorOptions = {}) {
    super();
    this.state = new EmulatorState({ ...DEFAULT_BOT, ...options.botInfo }, this, options.clock ?? { now: () => new Date() });
    this.state.responseDelayMs = options.responseDelayMs ?? 0;
  }

  /** Starts listening; createTelegramEmulator() does this for you. */
  async listen({ host = "127.0.0.1", port = 0 }: Pick<TelegramEmulatorOptions, "host" | "port"> = {}): Promise<this> {
    this.server = await EmulatorServer.start(this.state, host, port);
    return this;
  }

  /** `http://host:port`, to pass as grammY's `client.apiRoot`. */
  get apiRoot(): string {
    if (!this.server) throw new Error("the Telegram emulator is not listening; use createTelegramEmulator()");
    return this.server.apiRoot;
  }

  /** TCP connections the Bot API server accepted so far: a client that keeps its connections alive opens few. */
  get connectionsAccepted(): number {
    return this.server?.connectionsAccepted ?? 0;
  }

  /** From now on, every Bot API call is answered this long after it arrived (see TelegramEmulatorOptions). */
  setResponseDelay(ms: number): void {
    this.state.responseDelayMs = ms;
  }

  get botInfo(): UserFromGetMe {
    return this.state.botInfo;
  }

  /** Every Bot API call so far, in the order they completed. */
  get calls(): readonly ApiCall[] {
    return this.state.calls;
  }

  callsFor(method: string): ApiCall[] {
    return this.state.calls.filter((c) => c.method.toLowerCase() === method.toLowerCase());
  }

  createUser(options: CreateUserOptions): EmulatedUser {
    if (this.state.chats.has(options.id)) throw new Error(`a user with id ${options.id} already exists`);
    const { phone_number, ...fields } = options;
    const chat = new ChatState({ ...fields, is_bot: false }, phone_number);
    this.state.chats.set(chat.id, chat);
    return new EmulatedUser(this.state, chat);
  }

  /** While blocked, every call aimed at the user's chat fails with 403; the user writing again unblocks. */
  setBlocked(userId: number, blocked: boolean): void {
    const chat = this.state.chats.get(userId);
    if (!chat) throw new Error(`no user with id ${userId}`);
    chat.blocked = blocked;
  }

  injectFault(fault: Fault): FaultHandle {
    return this.state.faults.add(fault);
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  /** Queues a raw update for the bot; update_id is assigned when missing. */
  pushUpdate(update: NewUpdate): Update {
    return this.state.updates.push(update);
  }

  /** A file the bot uploaded, by file_id. */
  getFile(fileId: string): DownloadedFile {
    const file = this.state.files.get(fileId);
    if (!file) throw new Error(`no file with file_id ${fileId}`);
    return {
      bytes: file.bytes,
      ...(file.file_name !== undefined && { file_name: file.file_name }),
      ...(file.mime_type !== undefined && { mime_type: file.mime_type }),
    };
  }

  /** The commands the bot set for a scope and language (exact match, like getMyCommands). */
  myCommands(scope?: BotCommandScope, languageCode?: string): BotCommand[] {
    return this.state.commands.get(commandsKeyOf(scope, languageCode)) ?? [];
  }

  /** Answers pending long polls with [], stops webhook delivery and closes the server. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.state.updates.close();
      await this.state.webhook.stop();
      await this.server?.close();
    })();
    return this.closing;
  }
}

export async function createTelegramEmulator(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
  return new TelegramEmulator(options).listen(options);
}
