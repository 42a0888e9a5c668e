import { GrammyError, type Api } from "grammy";
import { formatRupiah } from "../format.js";
import { methodOfChannel } from "../payments/methods.js";
import type { Topup } from "../payments/topup-service.js";
import type { CosmeticFailureReport } from "./cosmetic.js";
import { methodLabel, shownStatus } from "./payment-text.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * Once a top-up has ended, the message that showed its QR, account number or checkout must not be paid by mistake:
 * a QR photo is deleted (Telegram refuses that for messages older than 48 hours, and may refuse anything: then its
 * caption says it no longer counts), a text prompt is edited to say so, its buttons gone. Cosmetic: every failure
 * is reported and swallowed, nothing is retried, and the caller never waits on it for the merchant's notice.
 */
export async function replacePrompt(api: Api, t: Translate, topup: Topup, chatId: number, report: CosmeticFailureReport): Promise<void> {
  const messageId = topup.promptMessageId;
  const status = shownStatus(topup);
  if (messageId === null || status === "creating" || status === "pending") return;
  const vars = { status, amount: formatRupiah(topup.amount), method: methodLabel(t, topup), flow: methodOfChannel(topup.channelCode).flow };
  if (vars.flow === "qr") {
    if (await attempt(report, "deleteMessage", () => api.deleteMessage(chatId, messageId))) return;
    await attempt(report, "editMessageCaption", () => api.editMessageCaption(chatId, messageId, { caption: t("prompt-ended-qr", vars), parse_mode: "HTML" }));
  } else {
    await attempt(report, "editMessageText", () => api.editMessageText(chatId, messageId, t("prompt-ended", vars), { parse_mode: "HTML" }));
  }
}

async function attempt(report: CosmeticFailureReport, method: string, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    const failure = error instanceof GrammyError ? { error_code: error.error_code, description: error.description } : { description: String(error) };
    await report(method, failure);
    return false;
  }
}
