import { createHash, timingSafeEqual } from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import { z } from "zod";
import { chargeFromXendit, xenditChargeSchema } from "../payments/xendit.js";
import type { Services } from "../services.js";

const callbackSchema = z.object({
  event: z.string().min(1).max(100),
  business_id: z.string().optional(),
  created: z.string().optional(),
  data: xenditChargeSchema,
});

/** Hashing first gives equal lengths, so the comparison takes the same time whatever the guess. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Xendit's `ewallet.capture` callbacks. The answer is quick and says only whether Xendit should retry:
 * 2xx once the outcome is durably recorded (duplicates included), 5xx when it could not be recorded.
 */
export function xenditWebhookRouter(services: Pick<Services, "config" | "settlement" | "logger">): Router {
  const router = Router();
  router.post(
    "/webhooks/xendit",
    (req, res, next) => {
      if (tokenMatches(req.get("x-callback-token"), services.config.xendit.callbackToken)) return next();
      req.log.warn("xendit callback with a wrong token");
      res.status(401).json({ error: "invalid callback token" });
    },
    express.json({ limit: "32kb", type: () => true }),
    async (req: Request, res: Response) => {
      const parsed = callbackSchema.safeParse(req.body);
      if (!parsed.success) {
        req.log.warn({ issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`) }, "invalid xendit callback");
        res.status(400).json({ error: "invalid body" });
        return;
      }
      if (parsed.data.event !== "ewallet.capture") {
        res.status(200).json({ outcome: "ignored" });
        return;
      }
      const outcome = await services.settlement.settleCallback(chargeFromXendit(parsed.data.data), JSON.stringify(req.body));
      if (outcome === "unknown") {
        res.status(404).json({ error: "unknown charge" });
        return;
      }
      res.status(200).json({ outcome });
    },
  );
  return router;
}
