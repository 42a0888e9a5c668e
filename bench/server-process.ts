/**
 * The server under test, in a process of its own (started by bench/lib.ts with IPC):
 *   BENCH_SERVER=app   the real app (startApp with the config from the environment, logs at LOG_LEVEL to stdout)
 *   BENCH_SERVER=bare  the baseline: a bare express app whose POST /webhooks/xendit parses JSON and answers {}
 *   BENCH_SERVER=node-http  the duplicate storm's baseline: node:http reading each request's body and answering {}
 *   BENCH_SERVER=balancer  the tests' load balancer (test/helpers/load-balancer.ts) in front of BACKENDS (comma-separated origins)
 * Sends { type: "ready", port } to the parent; SIGTERM stops it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { LoadBalancer } from "../test/helpers/load-balancer.js";

const send = (port: number) => process.send?.({ type: "ready", port });

if (process.env.BENCH_SERVER === "bare") {
  const app = express();
  app.post("/webhooks/xendit", express.json({ limit: "32kb", type: () => true }), (_req, res) => {
    res.json({});
  });
  const server = app.listen(0, "127.0.0.1", () => send((server.address() as AddressInfo).port));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
} else if (process.env.BENCH_SERVER === "node-http") {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  server.listen(0, "127.0.0.1", () => send((server.address() as AddressInfo).port));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
} else if (process.env.BENCH_SERVER === "balancer") {
  const origins = (process.env.BACKENDS ?? "").split(",");
  // No health check: nothing is killed here, and a check timing out under the load would only add 503s.
  const balancer = await LoadBalancer.start(origins.length);
  origins.forEach((origin, i) => balancer.attach(i, origin));
  send(Number(new URL(balancer.url).port));
  process.once("SIGTERM", () => void balancer.close().then(() => process.exit(0)));
} else {
  // BENCH_NOTIFY_RATE: notifications per second for a drain after the measured load (the emulator has no limit).
  const notifyRate = process.env.BENCH_NOTIFY_RATE;
  const app = await startApp(loadConfig(), { host: "127.0.0.1", ...(notifyRate ? { telegramRatePerSecond: Number(notifyRate) } : {}) });
  send(app.port);
  process.once("SIGTERM", () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
