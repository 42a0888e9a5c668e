import express, { Router, type Request, type Response } from "express";
import type { Update } from "grammy/types";
import { ChatLockTimeout } from "../../db/coordination.js";
import { tokenMatcher } from "./secret-token.js";

export interface TelegramWebhookOptions {
  /** TELEGRAM_WEBHOOK_SECRET, which Telegram sends back in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  /** Handles one update (once, in its chat's turn); rejects when Telegram should send it again. */
  handle: (update: Update) => Promise<unknown>;
}

/** The least Telegram's body must be: an object with an update_id. What else it holds is the bot's to read. */
function updateOf(body: unknown): Update | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const id = (body as { update_id?: unknown }).update_id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (body as Update) : undefined;
}

/**
 * Telegram's updates. The answer comes only when the update has been handled (or found handled already), however
 * long that takes: Telegram sends one chat's updates one at a time and waits for that answer, which is what keeps
 * them in order across instances; answering early would let the next one start beside it. A wrong secret is 401 and
 * a body that is no update 400, neither handled. A chat that stayed locked (503) or a database that failed (500)
 * makes Telegram send the update again. A handler's own failure was answered by bot.catch (an apology): 200.
 */
export function telegramWebhookRouter({ secretToken, handle }: TelegramWebhookOptions): Router {
  const router = Router();
  const tokenMatches = tokenMatcher(secretToken);
  router.post(
    "/webhooks/telegram",
    (req, res, next) => {
      if (tokenMatches(req.get("x-telegram-bot-api-secret-token"))) return next();
      req.log.warn("telegram update with a wrong secret token");
      res.status(401).json({ error: "invalid secret token" });
    },
    express.json({ limit: "1mb" }),
    async (req: Request, res: Response) => {
      const update = updateOf(req.body);
      if (!update) {
        req.log.warn("telegram webhook body that is not an update");
        res.status(400).json({ error: "invalid body" });
        return;
      }
      try {
        await handle(update);
      } catch (error) {
        if (!(error instanceof ChatLockTimeout)) throw error;
        req.log.warn({ updateId: update.update_id }, "chat still busy with another update; Telegram sends this one again");
        res.status(503).json({ error: "chat busy" });
        return;
      }
      res.status(200).end();
    },
  );
  return router;
}
