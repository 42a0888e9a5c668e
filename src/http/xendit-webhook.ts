import type { IncomingMessage, ServerResponse } from "node:http";
import { storedBody } from "../payments/webhook-events.js";
import { readXenditCallback, type XenditCallback } from "../payments/xendit-callback.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services.js";
import { tokenMatcher } from "./secret-token.js";
import { logRequest, requestBindings, type DirectRoute } from "./server.js";

/** Xendit's callbacks are a few kilobytes; anything much larger is not one. */
const BODY_LIMIT = 32 * 1024;
/** How many bodies lately answered as repeats are remembered with what they were read as. */
const REMEMBERED_REPEATS = 16;

/** Xendit sends a JSON object; anything else (empty, not JSON, an array) is not a callback at all. */
function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(body);
    return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** What a callback came to, as answered: recorded with an outcome (2xx), or not recorded at all (5xx). */
export interface CallbackObserver {
  recorded(outcome: string): void;
  failed(): void;
}

/** A callback body as read: the JSON object and what it says. */
interface ReadBody {
  json: Record<string, unknown>;
  callback: XenditCallback;
}

/**
 * Bodies lately answered as repeats, by their bytes. A storm of re-deliveries sends the same bytes each time, and
 * reading them (JSON.parse, then the schema) was about a tenth of a repeat's cost. Only what a body says is
 * remembered, never its outcome: every repeat is still judged against the top-up as it is.
 */
class RepeatedBodies {
  private readonly read = new Map<string, ReadBody>();

  get(body: string): ReadBody | undefined {
    return this.read.get(body);
  }

  remember(body: string, read: ReadBody): void {
    if (this.read.has(body)) return;
    if (this.read.size >= REMEMBERED_REPEATS) this.read.delete(this.read.keys().next().value!);
    this.read.set(body, read);
  }
}

/** The body as UTF-8 text, or undefined once it is longer than `limit` bytes (nothing more is read). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        req.removeAllListeners("data");
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks, length).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Xendit's callbacks, served by node:http before express (on a storm of re-deliveries express's own work was most of
 * the cost). The answer is quick and says only whether Xendit should retry: 2xx once the outcome is durably
 * recorded (duplicates, events we do not handle and charges that are not ours included), 5xx when it could not be
 * recorded. Only a wrong token (401), an oversized body (413) or a body that is not a JSON object (400) is refused,
 * and none of them is recorded.
 */
export function xenditWebhookRoute(services: Pick<Services, "config" | "settlement" | "webhookEvents" | "logger">, observer?: CallbackObserver): DirectRoute {
  const tokenMatches = tokenMatcher(services.config.xendit.callbackToken);
  const repeatedBodies = new RepeatedBodies();
  return {
    method: "POST",
    path: "/webhooks/xendit",
    handle(req, res) {
      const exchange = new Exchange(req, res, services.logger);
      const token = req.headers["x-callback-token"];
      if (!tokenMatches(typeof token === "string" ? token : undefined)) {
        exchange.log().warn("xendit callback with a wrong token");
        return exchange.refuse(401, "invalid callback token");
      }
      readBody(req, BODY_LIMIT).then(
        (body) => answerCallback(exchange, body),
        (error: unknown) => {
          exchange.log().warn({ err: error }, "xendit callback body not read");
          exchange.refuse(400, "invalid body");
        },
      );
    },
  };

  async function answerCallback(exchange: Exchange, body: string | undefined): Promise<void> {
    if (body === undefined) {
      exchange.log().warn({ status: 413 }, "xendit callback too large");
      return exchange.refuse(413, "body too large");
    }
    const known = repeatedBodies.get(body);
    const json = known?.json ?? jsonObject(body);
    if (!json) {
      exchange.log().warn("xendit callback that is not a JSON object");
      return exchange.refuse(400, "invalid body");
    }
    let outcome: string;
    try {
      const read = known ?? { json, callback: readXenditCallback(json) };
      outcome = await record(read, exchange.log);
      if (outcome === "duplicate" || outcome === "stale") repeatedBodies.remember(body, read);
    } catch (error) {
      observer?.failed();
      exchange.log().error({ err: error }, "request failed");
      return exchange.send(500, { error: "internal error" });
    }
    observer?.recorded(outcome);
    exchange.send(200, { outcome });
  }

  /** Records the callback (settles it, when it is about one of our charges) and says what became of it. */
  async function record({ json, callback }: ReadBody, reqLog: () => Logger): Promise<string> {
    // Masking phones takes a walk over the whole body: only when it is stored (most repeats are only counted).
    let stored: string | undefined;
    const body = () => (stored ??= storedBody(json));
    if (callback.kind === "ignored") {
      const { reason, record } = callback;
      await services.webhookEvents.recordIgnored({ ...record, body: body() });
      reqLog().warn({ event: record.event, reference: record.referenceId, status: record.status, reason }, "xendit callback ignored");
      return "ignored";
    }
    const outcome = await services.settlement.settleCallback(callback.charge, body, callback.event);
    // A reference we never created is not ours (our row is committed before every create): nothing to retry.
    return outcome === "unknown" ? "ignored" : outcome;
  }
}

/** One request and its answer, with the request's log line and a child logger built only if something logs. */
class Exchange {
  private readonly started = process.hrtime.bigint();
  private child: Logger | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly logger: Logger,
  ) {}

  readonly log = (): Logger => (this.child ??= this.logger.child(requestBindings(this.req)));

  send(status: number, body: unknown): void {
    const payload = JSON.stringify(body);
    // With its length given, the answer goes out whole; without it, headers written first meant a chunked body.
    this.res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload) }).end(payload);
    logRequest(this.logger, this.log, status, this.started);
  }

  /** A refused request is not read further: its connection closes once the answer is out. */
  refuse(status: number, error: string): void {
    this.res.setHeader("connection", "close");
    this.res.on("finish", () => this.req.destroy());
    this.send(status, { error });
  }
}
