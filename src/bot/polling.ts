import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, HttpError, type Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";

/** abort-controller's, which the runner hands out and grammY takes (not quite the global AbortSignal type). */
type Signal = NonNullable<Parameters<Bot["api"]["getUpdates"]>[1]>;

const LONG_POLL_SECONDS = 30;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/** Telegram refused the token: asking again cannot help, the process has to stop. */
export class BotTokenRejected extends Error {
  override name = "BotTokenRejected";

  constructor() {
    super("BOT_TOKEN was rejected by Telegram (401 Unauthorized): it was revoked or is wrong; set the current token from @BotFather");
  }
}

export function isTokenRejection(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 401;
}

export interface PollingOptions {
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  logger: Logger;
  /** Handles one update: bot.handleUpdate inside its chat's lock, once (src/bot/updates-once.ts). */
  handle: (update: Update) => Promise<unknown>;
}

export interface Polling {
  runner: RunnerHandle;
  /** Resolves (never rejects) with the reason if polling ended by itself: the process cannot go on without it. */
  fatal: Promise<Error>;
}

/**
 * Long polling with @grammyjs/runner, with our own getUpdates loop: the runner's own gives up on a 401 or a 409
 * by rejecting a task nobody awaits, which ends the process. Here a 409 (another instance polls with the same
 * token, as during a rolling deploy), a 5xx or a network failure is logged once and retried with a capped
 * backoff, a 429 waits its retry_after, and only a 401 (revoked token) ends polling, through `fatal`.
 */
export function startPolling<C extends Context>(bot: Bot<C>, { allowedUpdates, logger, handle }: PollingOptions): Polling {
  let offset = 0;
  let failures = 0;
  let lastReason: string | undefined;

  async function supply(batchSize: number, signal: Signal): Promise<Update[]> {
    for (;;) {
      try {
        const limit = Math.max(1, Math.min(batchSize, 100));
        const updates = await bot.api.getUpdates({ offset, limit, timeout: LONG_POLL_SECONDS, allowed_updates: allowedUpdates }, signal);
        if (lastReason !== undefined) logger.info({ afterFailures: failures }, "polling resumed");
        failures = 0;
        lastReason = undefined;
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        return updates;
      } catch (error) {
        if (signal.aborted) throw error;
        if (isTokenRejection(error)) throw new BotTokenRejected();
        await sleep(retryDelay(error), signal);
      }
    }
  }

  /** How long to wait before the next getUpdates; logs a failure once, not at every retry. */
  function retryDelay(error: unknown): number {
    const reason = reasonOf(error);
    const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
    const delay = retryAfter !== undefined ? retryAfter * 1000 : Math.min(FIRST_RETRY_MS * 2 ** failures++, MAX_RETRY_MS);
    if (reason !== lastReason) {
      const conflict = error instanceof GrammyError && error.error_code === 409;
      logger.warn({ reason, retryInMs: delay }, conflict ? "another instance is polling with this BOT_TOKEN; retrying" : "getUpdates failed; retrying");
      lastReason = reason;
    }
    return delay;
  }

  // The bot's first middleware hands a handler's error to bot.catch. What reaches the sink is bot.catch failing, or
  // the chat lock or the update record failing around the handler: the next getUpdates confirms the update anyway.
  const sink = createConcurrentSink<Update, unknown>({ consume: async (update) => void (await handle(update)) }, (error) => {
    logger.error({ err: error }, "update not handled");
    return Promise.resolve();
  });
  const runner = createRunner(createSource({ supply }), sink);
  runner.start();
  const fatal = runner.task()!.then(
    () => new Promise<Error>(() => undefined),
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  return { runner, fatal };
}

function reasonOf(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code}: ${error.description}`;
  if (error instanceof HttpError) return error.message;
  return String(error);
}

function sleep(ms: number, signal: Signal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
