/**
 * The real app in a process of its own, so a chaos test can SIGKILL it. Configured by the environment like
 * production (loadConfig), plus POLL_INTERVAL_MS and NOTIFY_RETRY_BASE_MS for quick background loops and
 * TELEGRAM_RATE_PER_SECOND for a test that floods more notifications than Telegram's pace sends in its time, and stopped
 * like production (stopOnExitCauses). Sends { type: "ready", port } over IPC once it listens; the message
 * "unhandled-rejection" plays a bug that leaves a promise rejection unhandled.
 */
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { stopOnExitCauses } from "../../src/shutdown.js";

const app = await startApp(loadConfig(), {
  host: "127.0.0.1",
  pollIntervalMs: Number(process.env.POLL_INTERVAL_MS ?? 50),
  notifyRetryBaseMs: Number(process.env.NOTIFY_RETRY_BASE_MS ?? 50),
  ...(process.env.TELEGRAM_RATE_PER_SECOND ? { telegramRatePerSecond: Number(process.env.TELEGRAM_RATE_PER_SECOND) } : {}),
});
stopOnExitCauses(app, app.services.logger, app.fatal);
process.on("message", (message) => {
  if (message === "unhandled-rejection") void Promise.reject(new Error("a bug nobody caught"));
});
process.send?.({ type: "ready", port: app.port });
