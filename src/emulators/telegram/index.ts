/**
 * A local Telegram Bot API for tests and the playground: a real grammY bot talks to it over HTTP
 * (`new Bot(token, { client: { apiRoot: tg.apiRoot } })`) while simulated users chat with the bot.
 *
 *   const tg = await createTelegramEmulator();
 *   const sari = tg.createUser({ id: 1001, first_name: "Sari" });
 *   await sari.sendText("/start");
 *   const menu = await sari.waitForBotMessage((m) => m.text?.includes("nominal") ?? false);
 *   await sari.click(menu.message_id, "Rp100.000");
 *   await tg.close();
 */
export { createTelegramEmulator, DEFAULT_BOT, TelegramEmulator } from "./emulator.js";
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
