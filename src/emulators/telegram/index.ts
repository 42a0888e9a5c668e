export { createTelegramEmulator, TelegramEmulator } from "./emulator.js";
export { EmulatedUser, type WaitOptions } from "./users.js";
export { parseHtml, type FormattedText } from "./html.js";
export type {
  ApiCall,
  CallbackAnswer,
  CallbackAnswerEvent,
  ChatMessage,
  CreateUserOptions,
  DownloadedFile,
  EmulatorEvents,
  Fault,
  FaultHandle,
  MessageEvent,
  ReplyKeyboard,
  ShownKeyboard,
  TelegramEmulatorOptions,
} from "./types.js";
export type { NewUpdate } from "./updates.js";
