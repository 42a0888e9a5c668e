import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger, secretsOf, type Logger } from "./logger.js";
import { startPlayground } from "./playground/index.js";

/**
 * Entry point: configuration, start, and a clean stop on SIGTERM/SIGINT.
 * Without BOT_TOKEN it starts the playground instead: the same bot against built-in Telegram and Xendit emulators.
 */
async function main(): Promise<void> {
  loadDotEnv();
  if (!process.env.BOT_TOKEN?.trim()) return runPlayground();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, secretsOf(config));
  const app = await startApp(config, { logger });
  stopOnSignals(app, logger);
}

async function runPlayground(): Promise<void> {
  let playground;
  try {
    playground = await startPlayground();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  console.log(`BOT_TOKEN is not set: offline playground (simulasi — tidak ada uang sungguhan) at ${playground.url}`);
  stopOnSignals(playground, playground.app.services.logger);
}

function stopOnSignals(app: { stop(): Promise<void> }, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

/** Reads ./.env when there is one; variables already set in the environment win. */
function loadDotEnv(): void {
  try {
    process.loadEnvFile(".env");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
