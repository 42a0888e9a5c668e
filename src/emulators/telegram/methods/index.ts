import { callbackMethods } from "./callbacks.js";
import type { Method } from "./common.js";
import { fileMethods } from "./files.js";
import { messageMethods } from "./messages.js";
import { settingsMethods } from "./settings.js";
import { updateMethods } from "./updates.js";

export type { Method, MethodContext } from "./common.js";

export interface MethodEntry {
  /** The official spelling, used in the call log whatever case the bot used. */
  name: string;
  run: Method;
}

const ALL: Record<string, Method> = {
  ...updateMethods,
  ...messageMethods,
  ...fileMethods,
  ...callbackMethods,
  ...settingsMethods,
};

// Bot API method names are case-insensitive.
const BY_LOWER_NAME = new Map(Object.entries(ALL).map(([name, run]) => [name.toLowerCase(), { name, run }]));

export function findMethod(name: string): MethodEntry | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
