import { autoRetry } from "@grammyjs/auto-retry";
import { conversations, createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { sequentialize } from "@grammyjs/runner";
import { Bot, BotError, GrammyError, type ApiClientOptions, type Context, type MiddlewareFn } from "grammy";
import { ADJUST_CONVERSATION, createAdjustConversation } from "../../conversations/adjust.js";
import { BROADCAST_CONVERSATION, createBroadcastConversation } from "../../conversations/broadcast.js";
import { CONVERSATIONS_VERSION } from "../../conversations/index.js";
import { createResolveConversation, RESOLVE_CONVERSATION } from "../../conversations/resolve.js";
import { createTopupConversation, TOPUP_CONVERSATION } from "../../conversations/topup.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services.js";
import { conversationStorage } from "./conversation-storage.js";
import { isAdmin } from "./admin.js";
import type { BotContext, ConversationContext } from "./context.js";
import { tolerateCosmetic } from "./cosmetic.js";
import type { UpdatesInFlight } from "./in-flight.js";
import { adjustFeature } from "./features/adjust.js";
import { announcementsFeature } from "./features/announcements.js";
import { auditFeature } from "./features/audit.js";
import { balanceFeature } from "./features/balance.js";
import { blocksFeature, recordBlocks } from "./features/blocks.js";
import { broadcastFeature } from "./features/broadcast.js";
import { cancelFeature } from "./features/cancel.js";
import { exportFeature } from "./features/export.js";
import { exceptionsFeature } from "./features/exceptions.js";
import { historyFeature } from "./features/history.js";
import { storeFeature } from "./features/store.js";
import { fallbackFeature } from "./features/fallback.js";
import { languageFeature } from "./features/language.js";
import { reconcileFeature } from "./features/reconcile.js";
import { startFeature } from "./features/start.js";
import { statsFeature } from "./features/stats.js";
import { statusFeature } from "./features/status.js";
import { topupFeature } from "./features/topup.js";
import { payFeature } from "./features/pay.js";
import type { RepliesWithinLimit } from "./bot-limit.js";

/** Interactive replies wait out short flood limits instead of failing the merchant's tap. */
const retryPolicy = () => autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 });

const logCosmeticFailure = (logger: Logger) => (method: string, failure: object): void => logger.warn({ method, ...failure }, "cosmetic Bot API call failed");

export interface BotOptions {
  /** More API client options (e.g. an in-process `fetch` for benchmarks); conversations inherit them. */
  client?: ApiClientOptions;
  /** Counts the updates being handled, for a shutdown that lets them finish. */
  inFlight?: UpdatesInFlight;
  /** The bot's budget at Telegram, which replies share with notifications and broadcast copies. */
  limit?: RepliesWithinLimit;
}

export function createBot(services: Services, i18n: I18n<Context>, { client = {}, inFlight, limit }: BotOptions = {}): Bot<BotContext> {
  const { config } = services;
  const bot = new Bot<BotContext>(config.botToken, { client: { apiRoot: config.telegramApiRoot, ...client } });
  const cosmeticFailed = logCosmeticFailure(services.logger);
  // Each call within the bot's limit, retries too; cosmetic tolerance inside auto-retry, so that it never waits on a
  // cosmetic call.
  const pacing = limit ? [limit.transformer] : [];
  bot.api.config.use(...pacing, tolerateCosmetic(cosmeticFailed), retryPolicy(), recordBlocks(services.merchants));

  if (inFlight) bot.use(inFlight.middleware);
  // Every failure ends in bot.catch, in webhook mode too, where the route would answer 500 and Telegram would
  // deliver the update again (src/http/telegram-webhook.ts).
  bot.use((ctx, next) => next().catch((error: unknown) => bot.errorHandler(new BotError(error, ctx))));

  // Updates of one chat are handled one after another: a double tap cannot race itself.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(attachServices(services));
  bot.use(i18n);
  bot.use(blocksFeature);

  bot.use(
    conversations<BotContext, ConversationContext>({
      storage: { type: "key", version: CONVERSATIONS_VERSION, adapter: conversationStorage(services.database.stores.conversations, services.clock) },
      // Transformers on bot.api do not reach inside conversations: install them again there. A failure is logged
      // through `external`, so that the replays of later updates do not log it again.
      plugins: (conversation) => [
        i18n,
        (ctx, next) => {
          ctx.api.config.use(
            ...pacing,
            tolerateCosmetic((method, failure) => conversation.external(() => cosmeticFailed(method, failure))),
            retryPolicy(),
            recordBlocks(services.merchants),
          );
          return next();
        },
      ],
    }),
  );
  bot.use(cancelFeature);
  // Before the top-up conversation, which would otherwise take these buttons as stale answers to its steps.
  bot.use(announcementsFeature);
  // For anyone but an admin these do not exist: the update goes on and ends as an unknown command.
  bot.filter(
    isAdmin,
    createConversation(createBroadcastConversation(services), BROADCAST_CONVERSATION),
    createConversation(createResolveConversation(services), RESOLVE_CONVERSATION),
    createConversation(createAdjustConversation(services), ADJUST_CONVERSATION),
    broadcastFeature,
    statsFeature,
    adjustFeature,
    auditFeature,
    exportFeature,
    exceptionsFeature,
    reconcileFeature,
  );
  bot.use(createConversation(createTopupConversation(services), TOPUP_CONVERSATION));

  bot.use(startFeature, languageFeature, topupFeature, balanceFeature, statusFeature, historyFeature, storeFeature);
  bot.use(payFeature);
  bot.use(fallbackFeature);

  bot.catch(async ({ ctx, error }) => {
    // Missing when the failure came before attachServices (e.g. the database refused the registration).
    const log = ctx.log ?? services.logger;
    // The merchant blocked the bot (recorded by recordBlocks): nothing failed, and nobody is left to apologise to.
    if (isForbidden(error)) {
      log.info("merchant blocked the bot");
      return;
    }
    log.error({ err: error }, "update failed");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    // ctx.t is missing when the failure came before the i18n middleware: then the apology is in Indonesian.
    const apology = typeof ctx.t === "function" ? ctx.t("error-generic") : i18n.t("id", "error-generic");
    if (ctx.chat?.type === "private") await ctx.reply(apology).catch(() => undefined);
  });
  return bot;
}

/** A 403 from Telegram, also when a conversation wrapped it in its own BotError. */
function isForbidden(error: unknown): boolean {
  const cause = error instanceof BotError ? error.error : error;
  return cause instanceof GrammyError && cause.error_code === 403;
}

function attachServices(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.services = services;
    ctx.log = services.logger.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id });
    if (ctx.from && ctx.chat?.type === "private" && !ctx.from.is_bot) {
      ctx.merchant = await services.merchants.register({
        id: ctx.from.id,
        chatId: ctx.chat.id,
        firstName: ctx.from.first_name,
        lastName: ctx.from.last_name,
        username: ctx.from.username,
        languageCode: ctx.from.language_code,
      });
    }
    await next();
  };
}
