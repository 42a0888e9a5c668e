import { Context, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { ChatLockTimeout, handleOnce, type Coordination, type ProcessedUpdates } from "../../db/coordination.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";

/** Telegram keeps an unanswered update for 24 hours: a record older than that cannot meet a redelivery. */
const REDELIVERY_HORIZON_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * What an update is serialised under: its chat, else its sender (the same as the bot's sequentialize middleware),
 * else the update itself. None of our allowed_updates lacks both, but a shared key would queue such updates.
 */
export function serialKey<C extends Context>(bot: Bot<C>, update: Update): number | string {
  const ctx = new Context(update, bot.api, bot.botInfo);
  return ctx.chat?.id ?? ctx.from?.id ?? `update:${update.update_id}`;
}

/**
 * bot.handleUpdate inside the update's chat lock, at most once per update_id across instances (handleOnce, in
 * db/coordination.ts). Resolves to whether it ran; rejects with ChatLockTimeout or a database error, when the
 * update should come again. A handler's own error never gets here: the bot's first middleware hands it to bot.catch.
 */
export function handleUpdatesOnce<C extends Context>(bot: Bot<C>, coordination: Coordination, clock: Clock): (update: Update) => Promise<boolean> {
  const options = { locks: coordination.chatLocks, updates: coordination.processedUpdates, now: () => clock.now() };
  return (update) => handleOnce(options, { updateId: update.update_id, chatKey: serialKey(bot, update) }, () => bot.handleUpdate(update));
}

/**
 * For polling: nobody sends a fetched update again (the next getUpdates confirms it), so where the webhook answers
 * 503 for a chat still busy past the wait, this waits for the chat once more. The hold limit frees any chat in time.
 */
export function waitingForBusyChats(handle: (update: Update) => Promise<boolean>, logger: Logger): (update: Update) => Promise<boolean> {
  return async (update) => {
    for (;;) {
      try {
        return await handle(update);
      } catch (error) {
        if (!(error instanceof ChatLockTimeout)) throw error;
        logger.warn({ updateId: update.update_id }, "chat still busy with another update; waiting for it again");
      }
    }
  };
}

/** Forgets handled updates past Telegram's redelivery horizon, at most hourly by the clock; for a background loop. */
export function processedUpdatesRetention(updates: ProcessedUpdates, clock: Clock): () => Promise<void> {
  let nextAt = 0;
  return async () => {
    const now = clock.now().getTime();
    if (now < nextAt) return;
    await updates.prune(new Date(now - REDELIVERY_HORIZON_MS));
    nextAt = now + PRUNE_EVERY_MS;
  };
}
