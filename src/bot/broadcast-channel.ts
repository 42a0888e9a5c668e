import type { I18n } from "@grammyjs/i18n";
import { GrammyError, HttpError, type Api, type Context, type InlineKeyboard } from "grammy";
import type { BroadcastChannel, Progress, SendOutcome } from "../broadcast/worker.js";
import { languageOf, type Language, type MerchantService } from "../merchants/merchant-service.js";
import { muteKeyboard, progressKeyboard, progressText, reportText } from "./broadcast-text.js";

/**
 * The Telegram side of broadcast delivery: copyMessage with the opt-out button, and the admin's progress
 * message and report. Errors become outcomes; pacing and retries are the worker's.
 */
export function telegramBroadcastChannel(api: Api, i18n: I18n<Context>, merchants: MerchantService): BroadcastChannel {
  const adminT = async (adminId: number) => {
    const locale = languageOf(await merchants.get(adminId));
    return (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  };

  // The last text shown on each progress message: an edit that changes nothing would be "message is not modified".
  const shown = new Map<number, string>();

  // The same button under every copy in a language: built once, not hundreds of times a second.
  const muteButtons = new Map<Language, InlineKeyboard>();
  const muteButton = (language: Language) => {
    let keyboard = muteButtons.get(language);
    if (!keyboard) muteButtons.set(language, (keyboard = muteKeyboard((key) => i18n.t(language, key))));
    return keyboard;
  };

  return {
    async send(delivery): Promise<SendOutcome> {
      try {
        await api.copyMessage(delivery.chatId, delivery.sourceChatId, delivery.sourceMessageId, { reply_markup: muteButton(delivery.language) });
        return { kind: "sent" };
      } catch (error) {
        return classify(error);
      }
    },

    async progress(progress: Progress) {
      const { broadcast } = progress;
      if (broadcast.progressMessageId === null) return;
      const t = await adminT(broadcast.adminId);
      const text = progressText(t, progress);
      if (shown.get(broadcast.id) === text) return;
      await api
        .editMessageText(broadcast.adminChatId, broadcast.progressMessageId, text, {
          parse_mode: "HTML",
          reply_markup: progressKeyboard(t, broadcast.id),
        })
        .catch(ignoreRejected);
      shown.set(broadcast.id, text);
    },

    async report(progress: Progress) {
      const { broadcast } = progress;
      const t = await adminT(broadcast.adminId);
      const text = reportText(t, progress);
      shown.delete(broadcast.id);
      // The status message loses its Batal button; the report is a new message so that it notifies.
      if (broadcast.progressMessageId !== null) {
        await api.editMessageText(broadcast.adminChatId, broadcast.progressMessageId, text, { parse_mode: "HTML" }).catch(ignoreRejected);
      }
      await api.sendMessage(broadcast.adminChatId, text, { parse_mode: "HTML" }).catch(ignoreRejected);
    },
  };
}

function classify(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { kind: "rate_limited", retryAfterSeconds: error.parameters.retry_after ?? 1, error: error.description };
    if (error.error_code === 403) return { kind: "blocked", error: error.description };
    if (error.error_code < 500) return { kind: "rejected", error: error.description };
    return { kind: "transient", error: error.description };
  }
  // A copy is sent at most once: retry only when the request surely never reached Telegram. A timeout or a
  // dropped connection may have delivered it, so that copy counts as failed instead.
  if (error instanceof HttpError && neverSent(error)) return { kind: "transient", error: error.message };
  return { kind: "rejected", error: `delivery unknown: ${error instanceof Error ? error.message : String(error)}` };
}

function neverSent(error: HttpError): boolean {
  const code = (error.error as { code?: unknown } | undefined)?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/** A 4xx (not modified, admin blocked the bot, message gone) will not get better by retrying; anything else is rethrown. */
function ignoreRejected(error: unknown): void {
  if (error instanceof GrammyError && error.error_code < 500 && error.error_code !== 429) return;
  throw error;
}
