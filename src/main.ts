import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger, secretsOf } from "./logger.js";
import { stopOnExitCauses } from "./shutdown.js";

/**
 * Entry point: configuration, start, and a clean stop on SIGTERM/SIGINT, on a fatal error (see stopOnExitCauses).
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
  stopOnExitCauses(app, logger, app.fatal);
}

async function runPlayground(): Promise<void> {
  // Only here: the emulators and the playground's page are never loaded by a real bot.
  const { startPlayground } = await import("./playground/index.js");
  let playground;
  try {
    playground = await startPlayground();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  console.log(`BOT_TOKEN is not set: offline playground (simulasi — tidak ada uang sungguhan) at ${playground.url}`);
  stopOnExitCauses(playground, playground.app.services.logger, playground.app.fatal);
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
