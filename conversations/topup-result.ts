import { statusButton } from "../src/bot/keyboards.js";
import { payPrompt, type WaitingCode } from "../src/bot/pay-prompt.js";
import { failureReason } from "../src/bot/payment-text.js";
import { replacePrompt } from "../src/bot/prompt-replacement.js";
import { formatMethod, formatRupiah } from "../src/format.js";
import { methodById, methodOfChannel, type MethodId } from "../src/payments/methods.js";
import { maskPhone } from "../src/payments/phone.js";
import { OPEN_STATUSES, type StartResult } from "../src/payments/topup-service.js";
import type { Services } from "../src/services.js";
import type { Conv, Ctx } from "./topup-steps.js";

/** What the conversation keeps of a start attempt: plain JSON, since it is stored in the replay log. */
export interface StartSummary extends Partial<WaitingCode> {
  kind: StartResult["kind"];
  amount: number;
  /** The top-up's method: for already_open, that of the one still open. */
  method: MethodId;
  phone: string;
  code?: string;
}

export function summarize(result: StartResult, requested: MethodId): StartSummary {
  if (result.kind === "phone_limited") return { kind: result.kind, amount: 0, method: requested, phone: "" };
  const { topup } = result;
  return {
    kind: result.kind,
    topupId: topup.id,
    amount: topup.amount,
    method: methodOfChannel(topup.channelCode).id,
    phone: maskPhone(topup.phone ?? ""),
    ...(topup.payCode && { payCode: topup.payCode }),
    ...(topup.expiresAt && { expiresAt: topup.expiresAt.toISOString() }),
    ...(result.kind === "declined" && { code: result.code }),
  };
}

/** The merchant's answer to a start: the push sent, the code to pay with, or why not. */
export async function replyWithResult(conversation: Conv, ctx: Ctx, services: Pick<Services, "topups" | "logger">, result: StartSummary): Promise<void> {
  const method = methodById(result.method);
  const push = method.flow === "push";
  const vars = { amount: formatRupiah(result.amount), phone: result.phone, method: formatMethod(ctx.t, method), flow: method.flow };
  const html = { parse_mode: "HTML" as const };
  switch (result.kind) {
    case "pending":
      if (!push) return showCode(conversation, ctx, services, { ...result, topupId: result.topupId! });
      await ctx.reply(ctx.t("topup-sent", vars), { ...html, reply_markup: statusButton(ctx.t) });
      return;
    case "uncertain":
      await ctx.reply(ctx.t(push ? "topup-uncertain" : "topup-uncertain-code", vars), { ...html, reply_markup: statusButton(ctx.t) });
      return;
    case "already_open":
      await ctx.reply(ctx.t("topup-already-open", vars), { ...html, reply_markup: statusButton(ctx.t) });
      return;
    case "declined":
      await ctx.reply(ctx.t("topup-declined", { reason: failureReason(ctx.t, result.code, method) }), html);
      return;
    case "misconfigured":
      await ctx.reply(ctx.t("topup-misconfigured", vars), html);
      return;
    case "phone_limited":
      await ctx.reply(ctx.t("topup-phone-limited"), html);
      return;
  }
}

/**
 * Sends the QR, account or checkout and records which message shows it, so that it is replaced once the top-up
 * ends. A payment may have been quicker than that record: then the prompt is replaced at once.
 */
async function showCode(conversation: Conv, ctx: Ctx, services: Pick<Services, "topups" | "logger">, waiting: WaitingCode): Promise<void> {
  const prompt = await payPrompt(ctx.t, waiting);
  const html = { parse_mode: "HTML" as const, reply_markup: prompt.keyboard };
  const message = "photo" in prompt ? await ctx.replyWithPhoto(prompt.photo, { ...html, caption: prompt.caption }) : await ctx.reply(prompt.text, html);
  // The whole row, Dates and all, only because nothing follows: the conversation ends here and is never replayed past it.
  const now = await conversation.external(() => services.topups.recordPrompt(waiting.topupId, message.message_id));
  if (!now || OPEN_STATUSES.includes(now.status)) return;
  const report = (method: string, failure: object) => conversation.external(() => services.logger.warn({ method, ...failure }, "cosmetic Bot API call failed"));
  await replacePrompt(ctx.api, ctx.t, now, message.chat.id, report);
}
