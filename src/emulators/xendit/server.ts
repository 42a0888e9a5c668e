import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { mergeDeep } from "./callbacks.js";
import { checkoutDonePage, checkoutPage, checkoutRefusedPage } from "./checkout-page.js";
import { DEFAULT_ERROR_CODES, errorReply, type ApiReply } from "./errors.js";
import type { FaultQueue, HungRequests } from "./faults.js";
import { parseCreatePaymentRequest, type CreatePaymentRequestInput } from "./payment-request-validation.js";
import type { FaultOp, PaymentRequest, RequestLogEntry } from "./types.js";
import { parseCreateCharge, type CreateChargeInput } from "./validation.js";

/** The payer's decision on a checkout page: the request as it is after, or why it could not be taken. */
export type CheckoutOutcome = { ok: true; request: PaymentRequest } | { ok: false; message: string };

/** The business side of the API; the HTTP layer only deals with auth, parsing, faults and hanging. */
export interface ChargesBackend {
  createCharge(input: CreateChargeInput): ApiReply;
  getCharge(id: string): ApiReply;
  voidCharge(id: string): ApiReply;
  createPaymentRequest(input: CreatePaymentRequestInput): ApiReply;
  getPaymentRequest(id: string): ApiReply;
  cancelPaymentRequest(id: string): ApiReply;
  /** A redirect payment request for its checkout page, if there is one by that id. */
  checkout(id: string): PaymentRequest | undefined;
  decideCheckout(id: string, decision: "approve" | "decline"): CheckoutOutcome;
}

export interface ApiDependencies {
  secretKey: string;
  backend: ChargesBackend;
  faults: FaultQueue;
  hung: HungRequests;
  requests: RequestLogEntry[];
  now: () => Date;
}

function reply(res: Response, { status, body }: ApiReply): void {
  res.status(status).json(body);
}

function isAuthorized(header: string | undefined, secretKey: string): boolean {
  const token = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
  return token !== undefined && Buffer.from(token, "base64").toString("utf8") === `${secretKey}:`;
}

function routeParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === "string" ? value : "";
}

export function createApi(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use((req, res, next) => {
    const entry: RequestLogEntry = { method: req.method, path: req.path, status: 0, at: deps.now().toISOString() };
    deps.requests.push(entry);
    res.on("finish", () => {
      entry.status = res.statusCode;
    });
    next();
  });

  // Auth before body parsing: a bad key is reported as such even when the body is also broken.
  app.use(["/ewallets", "/v3/payment_requests"], (req, res, next) => {
    if (isAuthorized(req.headers.authorization, deps.secretKey)) return next();
    reply(res, errorReply(401, "INVALID_API_KEY", "API key is invalid"));
  });

  // "Payments API v3 wants its version named on every call" (xendit-payments-v3.md): without it, nothing is done.
  app.use("/v3/payment_requests", (req, res, next) => {
    if (req.headers["api-version"]) return next();
    reply(res, errorReply(400, "API_VALIDATION_ERROR", "The api-version header is required"));
  });

  app.use(express.json({ limit: "100kb" }));

  /** Runs the handler unless a queued fault for `op` says to fail, hang or wait instead (or hang after, for createThenHang), or to alter its answer. */
  const withFaults =
    (op: FaultOp, handler: (req: Request) => ApiReply) =>
    (req: Request, res: Response): void => {
      const fault = deps.faults.take(op);
      if (fault?.kind === "error") {
        const code = fault.errorCode ?? DEFAULT_ERROR_CODES[fault.status] ?? "SERVER_ERROR";
        return reply(res, errorReply(fault.status, code, `Injected fault (${code})`));
      }
      if (fault?.kind === "hang") return deps.hung.hold(req, res);
      if (fault?.kind === "delay") {
        const timer = setTimeout(() => reply(res, handler(req)), fault.ms);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      const result = handler(req);
      if (fault?.kind === "createThenHang") return deps.hung.hold(req, res);
      if (fault?.kind === "alter" && result.status === 200) return reply(res, { ...result, body: mergeDeep(result.body as object, fault.patch as object) });
      reply(res, result);
    };

  // req.is is null without a body, false for a body of another type (e.g. fetch's default text/plain).
  const notJson = (req: Request) => req.is("application/json") === false;
  const unsupportedContentType = () => errorReply(403, "UNSUPPORTED_CONTENT_TYPE", "The content type requested is not supported");

  app.post(
    "/ewallets/charges",
    withFaults("create", (req) => {
      if (notJson(req)) return unsupportedContentType();
      const parsed = parseCreateCharge(req.body);
      return parsed.ok ? deps.backend.createCharge(parsed.input) : parsed.reply;
    }),
  );
  app.get(
    "/ewallets/charges/:id",
    withFaults("get", (req) => deps.backend.getCharge(routeParam(req, "id"))),
  );
  app.post("/ewallets/charges/:id/void", (req, res) => reply(res, deps.backend.voidCharge(routeParam(req, "id"))));

  app.post(
    "/v3/payment_requests",
    withFaults("create", (req) => {
      if (notJson(req)) return unsupportedContentType();
      const parsed = parseCreatePaymentRequest(req.body, deps.now());
      return parsed.ok ? deps.backend.createPaymentRequest(parsed.input) : parsed.reply;
    }),
  );
  app.get(
    "/v3/payment_requests/:id",
    withFaults("get", (req) => deps.backend.getPaymentRequest(routeParam(req, "id"))),
  );
  app.post(
    "/v3/payment_requests/:id/cancel",
    withFaults("cancel", (req) => deps.backend.cancelPaymentRequest(routeParam(req, "id"))),
  );

  // The payer's browser, not our client: no API key.
  app.get("/v3/checkout/:id", (req, res) => {
    const request = deps.backend.checkout(routeParam(req, "id"));
    if (!request) return void res.status(404).type("html").send(checkoutRefusedPage("Checkout tidak ditemukan"));
    res.type("html").send(checkoutPage(request));
  });
  app.post("/v3/checkout/:id/:decision", (req, res) => {
    const decision = routeParam(req, "decision");
    if (decision !== "approve" && decision !== "decline") return void res.status(404).type("html").send(checkoutRefusedPage("Tidak dikenal"));
    const outcome = deps.backend.decideCheckout(routeParam(req, "id"), decision);
    if (!outcome.ok) return void res.status(409).type("html").send(checkoutRefusedPage(outcome.message));
    res.type("html").send(checkoutDonePage(outcome.request));
  });

  app.use((_req, res) => reply(res, errorReply(404, "NOT_FOUND", "The requested resource was not found")));

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return void res.destroy();
    const status = (error as { status?: unknown } | null)?.status;
    // body-parser marks its own failures (bad JSON, too large, bad charset) with a 4xx status.
    if (typeof status === "number" && status >= 400 && status < 500) {
      return reply(res, errorReply(400, "API_VALIDATION_ERROR", "Request body is not valid JSON"));
    }
    reply(res, errorReply(500, "SERVER_ERROR", "An unexpected error occurred"));
  });

  return app;
}

export async function startServer(app: express.Express, port: number, host: string): Promise<{ server: Server; apiBase: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return { server, apiBase: `http://${urlHost}:${actualPort}` };
}

/** Drops keep-alive and in-flight connections too, so closing never waits on a client. */
export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
