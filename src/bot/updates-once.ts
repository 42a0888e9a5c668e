import { Context, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { handleOnce, type Coordination, type ProcessedUpdates } from "../../db/coordination.js";
import type { Clock } from "../clock.js";

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
