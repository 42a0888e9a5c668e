/**
 * The real app in a process of its own, so a chaos test can SIGKILL it. Configured by the environment like
 * production (loadConfig), plus POLL_INTERVAL_MS and NOTIFY_RETRY_BASE_MS for quick background loops.
 * Sends { type: "ready", port } over IPC once it listens.
 */
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";

const app = await startApp(loadConfig(), {
  host: "127.0.0.1",
  pollIntervalMs: Number(process.env.POLL_INTERVAL_MS ?? 50),
  notifyRetryBaseMs: Number(process.env.NOTIFY_RETRY_BASE_MS ?? 50),
});
process.send?.({ type: "ready", port: app.port });
process.once("SIGTERM", () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
