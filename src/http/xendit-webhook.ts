import express, { Router, type Request, type Response } from "express";
import { storedBody } from "../payments/webhook-events.js";
import { readXenditCallback } from "../payments/xendit-callback.js";
import type { Services } from "../services.js";
import { tokenMatches } from "./secret-token.js";

/** Xendit sends a JSON object; anything else (empty, not JSON, an array) is not a callback at all. */
function jsonObject(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== "string") return undefined;
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

/**
 * Xendit's callbacks. The answer is quick and says only whether Xendit should retry: 2xx once the outcome is
 * durably recorded (duplicates, events we do not handle and charges that are not ours included), 5xx when it
 * could not be recorded. Only a wrong token (401), an oversized body (413) or a body that is not a JSON object
 * (400) is refused, and none of them is recorded.
 */
export function xenditWebhookRouter(services: Pick<Services, "config" | "settlement" | "webhookEvents" | "logger">, observer?: CallbackObserver): Router {
  const router = Router();
  router.post(
    "/webhooks/xendit",
    (req, res, next) => {
      if (tokenMatches(req.get("x-callback-token"), services.config.xendit.callbackToken)) return next();
      req.log.warn("xendit callback with a wrong token");
      res.status(401).json({ error: "invalid callback token" });
    },
    express.text({ limit: "32kb", type: () => true }),
    async (req: Request, res: Response) => {
      const json = jsonObject(req.body);
      if (!json) {
        req.log.warn("xendit callback that is not a JSON object");
        res.status(400).json({ error: "invalid body" });
        return;
      }
      let outcome: string;
      try {
        outcome = await record(json, req);
      } catch (error) {
        observer?.failed();
        throw error;
      }
      observer?.recorded(outcome);
      res.status(200).json({ outcome });
    },
  );
  return router;

  /** Records the callback (settles it, when it is about one of our charges) and says what became of it. */
  async function record(json: Record<string, unknown>, req: Request): Promise<string> {
    const callback = readXenditCallback(json);
    const body = storedBody(json);
    if (callback.kind === "ignored") {
      const { reason, record } = callback;
      await services.webhookEvents.recordIgnored({ ...record, body });
      req.log.warn({ event: record.event, reference: record.referenceId, status: record.status, reason }, "xendit callback ignored");
      return "ignored";
    }
    const outcome = await services.settlement.settleCallback(callback.charge, body, callback.event);
    // A reference we never created is not ours (our row is committed before every create): nothing to retry.
    return outcome === "unknown" ? "ignored" : outcome;
  }
}
