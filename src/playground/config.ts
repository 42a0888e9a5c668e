import { randomBytes } from "node:crypto";
import { loadConfig, type Config } from "../config.js";
import { PLAYGROUND_ADMIN_ID } from "./users.js";

export const PLAYGROUND_DATABASE_PATH = "./data/playground.sqlite";

/**
 * The bot's configuration for the playground, validated like the real one so PORT, LOG_LEVEL and the payment and
 * invoice settings of .env still apply (with the same one-line errors). What would reach the outside world is
 * replaced: a made-up token, random Xendit secrets, polling, its own database, and the playground's admin.
 * The emulators' URLs are filled in by startPlayground once they listen.
 */
export function playgroundConfig(env: NodeJS.ProcessEnv, databasePath = PLAYGROUND_DATABASE_PATH): Config {
  const secret = () => randomBytes(18).toString("base64url");
  // Webhook settings of a real deployment do not apply: the playground polls its own emulator.
  const rest = Object.fromEntries(Object.entries(env).filter(([key]) => key !== "PUBLIC_URL" && key !== "TELEGRAM_WEBHOOK_SECRET"));
  return loadConfig({
    ...rest,
    BOT_TOKEN: `700000:PLAYGROUND-${secret()}`,
    TELEGRAM_API_ROOT: "http://127.0.0.1",
    BOT_MODE: "polling",
    DATABASE_PATH: databasePath,
    XENDIT_SECRET_KEY: `xnd_development_playground_${secret()}`,
    XENDIT_API_BASE: "http://127.0.0.1",
    XENDIT_CALLBACK_TOKEN: secret(),
    ADMIN_IDS: String(PLAYGROUND_ADMIN_ID),
    // Quiet by default: the one line with the URL is what a newcomer should see.
    LOG_LEVEL: env.LOG_LEVEL?.trim() ? env.LOG_LEVEL : "warn",
  });
}
