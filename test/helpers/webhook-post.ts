import type { Update } from "grammy/types";
import type { EmulatedUser } from "../../src/emulators/telegram/index.js";

/** A text message from `user` as Telegram would deliver it, for posting to /webhooks/telegram by hand. */
export function textUpdate(user: EmulatedUser, updateId: number, text: string): Update {
  const command = text.match(/^\/\w+/)?.[0];
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.chatId, type: "private", first_name: user.user.first_name },
      from: user.user,
      text,
      ...(command && { entities: [{ type: "bot_command", offset: 0, length: command.length }] }),
    },
  };
}

/** POSTs a body to an instance's Telegram webhook with the given secret (null: no header). */
export function postUpdate(baseUrl: string, secret: string | null, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret !== null && { "x-telegram-bot-api-secret-token": secret }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
