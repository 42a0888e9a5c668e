import { randomUUID } from "node:crypto";
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
  app.use(requestLogger(logger));
  for (const router of routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ error: "not found" });
  });
  app.use(errorHandler);
  return app;
}

function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.log = logger.child({ reqId: req.get("x-request-id") ?? randomUUID(), method: req.method, path: req.path });
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info({ status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
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
