import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Api } from "grammy";
import { openDatabase } from "../db/open.js";
import { createBot } from "./bot/index.js";
import { registerCommands } from "./bot/commands.js";
import { UpdatesInFlight } from "./bot/in-flight.js";
import { pollWhileLeading, type LeaderPolling } from "./bot/leader-polling.js";
import { RepliesWithinLimit } from "./bot/bot-limit.js";
import { createDispatcher, SEND_TIMEOUT_SECONDS } from "./bot/outbox-dispatcher.js";
import { BotTokenRejected, isTokenRejection, startPolling } from "./bot/polling.js";
import { handleUpdatesOnce, processedUpdatesRetention, waitingForBusyChats } from "./bot/updates-once.js";
import { telegramBroadcastChannel } from "./bot/broadcast-channel.js";
import { telegramAgent } from "./bot/telegram-agent.js";
import { Pacer, TELEGRAM_RATE_PER_SECOND } from "./telegram/pacer.js";
import { BroadcastWorker } from "./broadcast/worker.js";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { healthRouter } from "./http/health.js";
import { metricsRouter } from "./http/metrics.js";
import { readinessRouter } from "./http/readiness.js";
import { createHttpApp, requestListener, type DirectRoute } from "./http/server.js";
import { telegramWebhookRouter } from "./http/telegram-webhook.js";
import { xenditWebhookRoute } from "./http/xendit-webhook.js";
import { createLogger, secretsOf, type Logger } from "./logger.js";
import { startLoop, type Loop } from "./loop.js";
import { languageOf } from "./merchants/merchant-service.js";
import { instrumentedGateway } from "./metrics/instrumented-gateway.js";
import { Metrics } from "./metrics/metrics.js";
import { GatewayRouter } from "./payments/gateway-router.js";
import { XenditGateway } from "./payments/xendit.js";
import { XenditPaymentsGateway } from "./payments/xendit-v3.js";
import { LoopHeartbeats } from "./readiness.js";
import { createServices, type Services } from "./services.js";

const allowedUpdates = ["message", "callback_query", "my_chat_member"] as const;
/** The alerts' check runs every this many poll intervals (15 s by default). */
const ALERT_CHECK_INTERVALS = 15;

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** How often background loops look for due work when nobody woke them (ms). */
  pollIntervalMs?: number;
  /** First retry delay of a failed notification (ms). */
  notifyRetryBaseMs?: number;
  /** More routes on the same HTTP server, e.g. the playground's page and API. */
  extraRouters?: express.RequestHandler[];
  /** Longest an update waits for its chat held by another instance before Telegram is told to send it again (ms). */
  chatLockWaitMs?: number;
  /** Interface to listen on; all interfaces when unset. */
  host?: string;
  /** How long /readyz and /metrics wait for the database before they call it unreachable (ms). */
  probeTimeoutMs?: number;
  /**
   * Messages this instance sends per second at most, notifications and broadcast copies together (Telegram's bulk
   * limit by default; more for a bench or a test that floods).
   */
  telegramRatePerSecond?: number;
}

export interface App {
  services: Services;
  /** Port the HTTP server listens on (useful when PORT=0). */
  port: number;
  /** Where the METRICS_PORT server listens, when there is one (always 127.0.0.1). */
  metricsAddress?: AddressInfo;
  /**
   * Resolves with the reason if the app can no longer work (Telegram rejected BOT_TOKEN while polling); it then
   * still serves HTTP, and whoever started it should stop it. Never rejects.
   */
  fatal: Promise<Error>;
  /** Stops taking new work, lets what is in flight finish (bounded, see drainMs), then closes the database. */
  stop(): Promise<void>;
}

/** Long enough for a handler waiting on Xendit's create call (XENDIT_TIMEOUT_MS) to finish and write its outcome. */
export function drainMs(config: Pick<Config, "xendit">): number {
  return Math.max(15_000, config.xendit.timeoutMs + 5_000);
}

/** Opens the database, starts the HTTP server, the bot and the background loops. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const webhookSecret = config.botMode === "webhook" ? requiredWebhookSecret(config) : undefined;
  const logger = options.logger ?? createLogger(config.logLevel, secretsOf(config));
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(
    config.databaseUrl === undefined
      ? { databasePath: config.databasePath }
      : { databaseUrl: config.databaseUrl, onPoolError: (error) => logger.warn({ err: error }, "an idle database connection failed; the pool replaces it") },
  );
  // What start-up has opened so far, closed again (newest first) when a later step fails: a failed start leaves no
  // server listening, no lease held and no connection open behind it.
  const opened: (() => Promise<unknown>)[] = [() => database.close()];
  const step = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      for (const close of [...opened].reverse()) await close().catch(() => undefined);
      throw error;
    }
  };
  const agent = telegramAgent(config.telegramApiRoot);
  opened.push(() => Promise.resolve(agent.destroy()));
  const client = { apiRoot: config.telegramApiRoot, baseFetchConfig: { agent } };
  const loops: Loop[] = [];
  const outboxLoop: { current?: Loop } = {};
  // Started further down, once the bot's i18n and Api exist; a new broadcast wakes it.
  const broadcastLoop: { current?: Loop } = {};
  const alertsLoop: { current?: Loop } = {};
  const probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
  const metrics = new Metrics({ database, clock, databaseTimeoutMs: probeTimeoutMs });
  const heartbeats = new LoopHeartbeats(clock);
  const { services, i18n } = createServices({
    config,
    database,
    clock,
    logger,
    gateway: instrumentedGateway(new GatewayRouter({ ewallet: new XenditGateway(config.xendit), v3: new XenditPaymentsGateway(config.xendit) }), metrics.gateway),
    onNotify: () => outboxLoop.current?.wake(),
    onBroadcastChange: () => broadcastLoop.current?.wake(),
  });
  const { merchants, checks } = services;

  // Telegram limits the bot, not each of its senders: replies, payment messages and broadcast copies share one budget.
  const botLimit = new Pacer(options.telegramRatePerSecond ?? TELEGRAM_RATE_PER_SECOND);
  const inFlight = new UpdatesInFlight();
  const replies = new RepliesWithinLimit(botLimit);
  const bot = createBot(services, i18n, { inFlight, client, limit: replies });
  await step(() => bot.init()).catch((error: unknown) => {
    throw isTokenRejection(error) ? new BotTokenRejected() : error;
  });
  // Cosmetic, so not on start-up's way: a slow Telegram or a flood wait on the menu (auto-retry sleeps through it)
  // must not hold back the webhook, the payments or readiness.
  void registerCommands(bot.api, i18n, config.adminIds, async (id) => languageOf(await merchants.get(id))).catch((error: unknown) => logger.warn({ err: error }, "setMyCommands failed"));

  // What several instances on one database agree on (on SQLite, trivially): see docs/postgres.md.
  const coordination = database.coordination({
    holdMs: drainMs(config),
    waitMs: options.chatLockWaitMs,
    onError: (error, source) => logger.warn({ err: error, source }, "cluster coordination: a connection failed or a chat lock was let go; it recovers by itself"),
  });
  opened.push(() => coordination.close());
  const broadcastLease = coordination.lease("broadcast");
  const pollingLease = webhookSecret === undefined ? coordination.lease("polling") : undefined;
  const handleUpdate = handleUpdatesOnce(bot, coordination, clock);

  const leases = pollingLease ? [broadcastLease, pollingLease] : [broadcastLease];
  const callbacks = {
    recorded(outcome: string) {
      metrics.callbackRecorded(outcome);
      services.alerts.callbackRecorded();
    },
    failed() {
      metrics.callbackFailed();
      services.alerts.callbackFailed();
      alertsLoop.current?.wake();
    },
  };
  const direct = [xenditWebhookRoute(services, callbacks)];
  const routers = [
    healthRouter(database, leases),
    readinessRouter(database, heartbeats, probeTimeoutMs),
    ...(options.extraRouters ?? []),
  ];
  if (webhookSecret !== undefined) routers.push(telegramWebhookRouter({ secretToken: webhookSecret, handle: handleUpdate }));
  // Never public by accident: on the main server only behind its token, without one only on the loopback interface.
  if (config.metrics?.token !== undefined) routers.push(metricsRouter(metrics, config.metrics.token));
  const server = await step(() => listen(createHttpApp(logger, routers), config.port, options.host, direct));
  opened.push(() => closeServer(server));
  const port = (server.address() as AddressInfo).port;
  const metricsPort = config.metrics?.port;
  const metricsServer = metricsPort === undefined ? undefined : await step(() => listen(createHttpApp(logger, [metricsRouter(metrics)]), metricsPort, "127.0.0.1"));
  if (metricsServer) opened.push(() => closeServer(metricsServer));

  let polling: LeaderPolling | undefined;
  if (pollingLease) {
    await step(() => bot.api.deleteWebhook());
    const handle = waitingForBusyChats(handleUpdate, logger);
    polling = pollWhileLeading(pollingLease, () => startPolling(bot, { allowedUpdates, logger, handle }), logger);
  } else {
    await step(() => bot.api.setWebhook(`${config.publicUrl}/webhooks/telegram`, { secret_token: webhookSecret, allowed_updates: allowedUpdates }));
  }

  const interval = options.pollIntervalMs ?? 1_000;
  // Its own Api without auto-retry: the outbox schedules its retries in the table instead of sleeping.
  const outboxApi = new Api(config.botToken, { ...client, timeoutSeconds: SEND_TIMEOUT_SECONDS });
  const dispatcher = createDispatcher(outboxApi, i18n, services, {
    retryBaseMs: options.notifyRetryBaseMs ?? 1_000,
    botLimit,
    wake: () => outboxLoop.current?.wake(),
  });
  // Each loop's passes are recorded for /readyz: one that stops finishing them makes the instance unready.
  const loop = (name: string, work: () => Promise<boolean>, every = interval) => startLoop(name, heartbeats.track(name, every, work), every, logger);
  outboxLoop.current = loop("outbox", () => dispatcher.dispatchDue());
  loops.push(outboxLoop.current);
  loops.push(loop("payment-checks", () => checks.checkDue()));
  // Its own Api too: no auto-retry, because a 429 must pause every broadcast send (the worker's pacer), not one call.
  const broadcastApi = new Api(config.botToken, { ...client, timeoutSeconds: 30 });
  const broadcastWorker = new BroadcastWorker({
    database,
    clock,
    logger,
    channel: telegramBroadcastChannel(broadcastApi, i18n, merchants),
    pacer: new Pacer(config.broadcast.ratePerSecond, { within: botLimit }),
    // Payment messages and replies first: broadcast sends wait while one is due, or waiting for the bot's limit.
    othersWaiting: async () => dispatcher.waiting() || replies.waiting() || (await database.stores.outbox.hasDue(clock.now())),
    retryBaseMs: options.notifyRetryBaseMs ?? 1_000,
    lease: broadcastLease,
    onSend: (result) => metrics.broadcastSent(result),
  });
  metrics.broadcastRate(() => broadcastWorker.recentRate());
  broadcastLoop.current = loop("broadcasts", () => broadcastWorker.runOnce());
  broadcastLease.onChange((held) => held && broadcastLoop.current?.wake());
  loops.push(broadcastLoop.current);
  const pruneProcessedUpdates = processedUpdatesRetention(coordination.processedUpdates, clock);
  loops.push(
    loop("retention", async () => {
      await pruneProcessedUpdates();
      return services.webhookEvents.prune();
    }),
  );
  // Not a heartbeat of /readyz: a day's run makes a paced call per payment and may rightly take many minutes.
  loops.push(startLoop("daily-reconciliation", () => services.dailyReconciliation.runIfDue(), interval, logger));
  // Alerts need no second-by-second look; a callback that could not be recorded wakes it at once.
  alertsLoop.current = loop("alerts", () => services.alerts.check(), ALERT_CHECK_INTERVALS * interval);
  loops.push(alertsLoop.current);
  logger.info({ port, mode: config.botMode, bot: bot.botInfo.username }, "bot ready");

  return {
    services,
    port,
    metricsAddress: metricsServer?.address() as AddressInfo | undefined,
    fatal: polling?.fatal ?? new Promise<Error>(() => undefined),
    async stop() {
      const deadline = Date.now() + drainMs(config);
      await polling?.stop();
      metricsServer?.close();
      metricsServer?.closeAllConnections();
      let serverClosed = false;
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          serverClosed = true;
          resolve();
        }),
      );
      // Fetched updates (the runner's), running handlers (in webhook mode one goes on when Telegram stopped waiting
      // for its answer) and HTTP requests in progress; keep-alive connections are closed as soon as they fall idle.
      const updates = () => (polling?.size() ?? 0) + inFlight.size;
      while ((updates() > 0 || !serverClosed) && Date.now() < deadline) {
        server.closeIdleConnections();
        await sleep(10);
      }
      if (updates() > 0) logger.warn({ updates: updates() }, "updates still running at the end of the drain");
      server.closeAllConnections();
      await closed;
      broadcastWorker.stop();
      services.dailyReconciliation.stop();
      await Promise.all(loops.map((loop) => loop.stop()));
      await dispatcher.drain();
      agent.destroy();
      // Nothing of ours runs any more: give the roles up, so that another instance takes them over at once.
      await coordination.close();
      await database.close();
      logger.info("stopped");
    },
  };
}

/** loadConfig requires it in webhook mode; a Config built in code must not open the route to anyone. */
function requiredWebhookSecret(config: Config): string {
  if (config.telegramWebhookSecret === undefined) throw new Error("TELEGRAM_WEBHOOK_SECRET is required when BOT_MODE=webhook");
  return config.telegramWebhookSecret;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function listen(app: express.Express, port: number, host?: string, direct: DirectRoute[] = []): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(requestListener(app, direct));
    server.keepAliveTimeout = 5_000;
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
