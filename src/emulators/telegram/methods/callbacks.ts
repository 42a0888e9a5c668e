import { badRequest } from "../errors.js";
import type { CallbackAnswer } from "../types.js";
import type { Method } from "./common.js";

const answerCallbackQuery: Method = ({ state, params }) => {
  const id = params.string("callback_query_id") ?? "";
  const chatId = state.openQueries.get(id);
  if (chatId === undefined) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  const text = params.string("text");
  const url = params.string("url");
  const answer: CallbackAnswer = {
    id,
    ...(text !== undefined && { text }),
    ...(params.has("show_alert") && { show_alert: params.bool("show_alert") }),
    ...(url !== undefined && { url }),
  };
  state.answerCallbackQuery(state.chat(chatId), answer);
  return true;
};

export const callbackMethods: Record<string, Method> = { answerCallbackQuery };
