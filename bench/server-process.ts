/**
 * The server under test, in a process of its own (started by bench/lib.ts with IPC):
 *   BENCH_SERVER=app   the real app (startApp with the config from the environment, logs at LOG_LEVEL to stdout)
 *   BENCH_SERVER=bare  the baseline: a bare express app whose POST /webhooks/xendit parses JSON and answers {}
 * Sends { type: "ready", port } to the parent; SIGTERM stops it.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";

const send = (port: number) => process.send?.({ type: "ready", port });

if (process.env.BENCH_SERVER === "bare") {
  const app = express();
  app.post("/webhooks/xendit", express.json({ limit: "32kb", type: () => true }), (_req, res) => {
    res.json({});
  });
  const server = app.listen(0, "127.0.0.1", () => send((server.address() as AddressInfo).port));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
} else {
  const app = await startApp(loadConfig(), { host: "127.0.0.1" });
  send(app.port);
  process.once("SIGTERM", () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
