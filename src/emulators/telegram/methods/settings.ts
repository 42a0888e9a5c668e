import type { BotCommand, BotCommandScope } from "grammy/types";
import { badRequest } from "../errors.js";
import type { Params } from "../params.js";
import { targetChat, type Method } from "./common.js";

const COMMAND = /^[a-z0-9_]{1,32}$/;
const MAX_COMMANDS = 100;

const setMyCommands: Method = ({ state, params }) => {
  const commands = params.json("commands");
  if (!Array.isArray(commands) || commands.length > MAX_COMMANDS) throw badRequest("can't parse commands JSON object");
  for (const c of commands as Partial<BotCommand>[]) {
    if (typeof c.command !== "string" || !COMMAND.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
    if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  state.commands.set(commandsKey(params), (commands as BotCommand[]).map(({ command, description }) => ({ command, description })));
  return true;
};

const getMyCommands: Method = ({ state, params }) => state.commands.get(commandsKey(params)) ?? [];

const deleteMyCommands: Method = ({ state, params }) => {
  state.commands.delete(commandsKey(params));
  return true;
};

const setChatMenuButton: Method = ({ state, params }) => {
  state.menuButtons.set(menuKey(params), params.json("menu_button") ?? { type: "default" });
  return true;
};

const getChatMenuButton: Method = ({ state, params }) =>
  state.menuButtons.get(menuKey(params)) ?? state.menuButtons.get("default") ?? { type: "default" };

const sendChatAction: Method = (ctx) => {
  targetChat(ctx);
  if (!ctx.params.string("action")) throw badRequest("wrong parameter action in request");
  return true;
};

function commandsKey(params: Params): string {
  return commandsKeyOf(params.json("scope") as BotCommandScope | undefined, params.string("language_code"));
}

/** Commands are kept per scope and language, exactly as Telegram keys them (no fallback on read). */
export function commandsKeyOf(scope: BotCommandScope = { type: "default" }, languageCode = ""): string {
  const normalised = Object.entries(scope)
    .map(([key, value]) => [key, key === "chat_id" || key === "user_id" ? String(value) : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${JSON.stringify(normalised)}|${languageCode}`;
}

function menuKey(params: Params): string {
  return params.has("chat_id") ? String(params.int("chat_id")) : "default";
}

export const settingsMethods: Record<string, Method> = {
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setChatMenuButton,
  getChatMenuButton,
  sendChatAction,
};
