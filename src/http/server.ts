import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { Logger } from "../logger.js";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      log: Logger;
    }
  }
}

/** The one express app on PORT: webhooks, health and whatever else main() mounts. */
export function createHttpApp(logger: Logger, routers: RequestHandler[]): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", true);
  lazyRequestLog(app, logger);
  app.use(requestLogger(logger));
  for (const router of routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ error: "not found" });
  });
  app.use(errorHandler);
  return app;
}

/** A route node:http serves itself, before express: for a hot path where express's own work is most of the cost. */
export interface DirectRoute {
  method: string;
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** The server's handler: a request for a direct route goes to it (the path with or without a query), any other to express. */
export function requestListener(app: Express, routes: DirectRoute[]): RequestListener {
  return (req, res) => {
    const url = req.url ?? "";
    const route = routes.find(({ method, path }) => req.method === method && (url === path || url.startsWith(`${path}?`)));
    if (route) route.handle(req, res);
    else void app(req, res);
  };
}

/** What every line about a request carries. */
export function requestBindings(req: IncomingMessage): Record<string, string | undefined> {
  const requestId = req.headers["x-request-id"];
  return { reqId: typeof requestId === "string" ? requestId : randomUUID(), method: req.method, path: req.url?.split("?")[0] };
}

const childLog = Symbol("log");

/**
 * `req.log` is built on first use: on a hot path nothing logs with it, and each child logger costs a serialisation
 * of its bindings. Defined once on the app's request prototype, not per request.
 */
function lazyRequestLog(app: Express, logger: Logger): void {
  Object.defineProperty(app.request, "log", {
    get(this: express.Request & { [childLog]?: Logger }) {
      return (this[childLog] ??= logger.child(requestBindings(this)));
    },
  });
}

/** A request slower than this is logged at info even when it went well. */
const SLOW_REQUEST_MS = 1_000;

/**
 * One line per request, at debug when it went well and quickly: a callback's own line (the settlement's) is the
 * one at info, and a health check every few seconds is not news.
 */
export function logRequest(logger: Logger, log: () => Logger, status: number, started: bigint): void {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const level = status >= 400 || ms >= SLOW_REQUEST_MS ? "info" : "debug";
  if (logger.isLevelEnabled(level)) log()[level]({ status, ms: Math.round(ms * 10) / 10 }, "request");
}

function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => logRequest(logger, () => req.log, res.statusCode, started));
    next();
  };
}

/** Body-parser errors carry their status (400 bad JSON, 413 too large); anything else is our fault: 500. */
const errorHandler: ErrorRequestHandler = (error: { status?: number; type?: string }, req, res, _next) => {
  const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) req.log.error({ err: error }, "request failed");
  else req.log.warn({ status, type: error.type }, "bad request");
  res.status(status).json({ error: status === 413 ? "body too large" : status === 500 ? "internal error" : "bad request" });
};
