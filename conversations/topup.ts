import { InlineKeyboard } from "grammy";
import type { RepeatPlan } from "../src/bot/repeat.js";
import { formatMethod, formatRupiah } from "../src/format.js";
import { PRESET_AMOUNTS, parseAmount } from "../src/payments/amount.js";
import { methodById, type PaymentMethod } from "../src/payments/methods.js";
import { maskPhone } from "../src/payments/phone.js";
import type { StartRequest } from "../src/payments/topup-service.js";
import type { Services } from "../src/services.js";
import { askMethod } from "./topup-method.js";
import { askAndConfirmPhone } from "./topup-phone.js";
import { replyWithResult, summarize, type StartSummary } from "./topup-result.js";
import { amountPrefix, choose, confirmKeyboard, data, type Conv, type Ctx } from "./topup-steps.js";

/** Bump when the steps below change: conversations saved by an older version are then dropped, not replayed. */
export const TOPUP_CONVERSATION_VERSION = 6;
export const TOPUP_CONVERSATION = "topup";

/** How a top-up begins: from the amount step, with an amount (Coba lagi), or as a repeat of a paid one (Top up lagi). */
export interface TopupEntry {
  amount?: number;
  repeat?: RepeatPlan;
}

type TopupServices = Pick<Services, "topups" | "merchants" | "methods" | "logger">;
type Charge = Pick<StartRequest, "amount" | "method" | "phone" | "ownNumber">;

/**
 * The guided top-up: nominal → method (E-Wallet → OVO/DANA/…, QRIS, Virtual Account → bank) → summary → for OVO
 * the number and OK → the push, QR, account or checkout. A repeat is one summary: Bayar, or Ubah for the full steps.
 */
export function createTopupConversation(services: TopupServices) {
  return async function topup(conversation: Conv, ctx: Ctx, entry: TopupEntry = {}): Promise<void> {
    if (entry.repeat) {
      const answer = await confirmRepeat(conversation, ctx, entry.repeat);
      if (answer.value === data.pay) return begin(conversation, ctx, services, entry.repeat, answer.ctx);
    }
    // Ubah on a repeat goes through every step.
    const preset = entry.repeat ? undefined : entry.amount;
    const amount = preset ?? (await askAmount(conversation, ctx, services.methods));
    const method = await askMethod(conversation, ctx, services.methods, amount);
    const proceed = await confirmSummary(conversation, ctx, amount, method);
    if (method.flow !== "push") return begin(conversation, ctx, services, { amount, method: method.id }, proceed);
    const merchantId = ctx.from!.id;
    const lastPhone = await conversation.external(async () => (await services.merchants.get(merchantId))?.lastPhone ?? undefined);
    const { phone, ownNumber, pressed } = await askAndConfirmPhone(conversation, ctx, amount, lastPhone);
    return begin(conversation, ctx, services, { amount, method: method.id, phone, ownNumber }, pressed);
  };
}

/** Starts the charge. The press's id is the same if Telegram delivers it again, so a redelivery finds the same top-up. */
async function begin(conversation: Conv, ctx: Ctx, services: TopupServices, charge: Charge, pressed: Ctx): Promise<void> {
  await ctx.replyWithChatAction("typing");
  const merchantId = ctx.from!.id;
  const requestKey = `tg:${pressed.callbackQuery?.id ?? pressed.update.update_id}`;
  // A redirect checkout sends the payer back to this chat.
  const returnUrl = `https://t.me/${ctx.me.username}`;
  const result = await conversation.external(
    async (): Promise<StartSummary> => summarize(await services.topups.start({ ...charge, merchantId, requestKey, returnUrl }), charge.method),
  );
  await replyWithResult(conversation, ctx, services, result);
}

async function askAmount(conversation: Conv, ctx: Ctx, limits: { min: number; max: number }): Promise<number> {
  const bounds = { min: formatRupiah(limits.min), max: formatRupiah(limits.max) };
  const presets = PRESET_AMOUNTS.filter((value) => value >= limits.min && value <= limits.max);
  const keyboard = new InlineKeyboard();
  presets.forEach((value, index) => {
    keyboard.text(formatRupiah(value), data.amount(value));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.text(ctx.t("topup-other-amount"), data.amount("other")).row().text(ctx.t("topup-cancel"), data.cancel);
  const prompt = await ctx.reply(ctx.t("topup-choose-amount"), { parse_mode: "HTML", reply_markup: keyboard });
  /** A typed amount, or a reply saying why it was not accepted. */
  const read = async (reply: Ctx): Promise<number | undefined> => {
    // Anything but text (a shared contact) is no amount either: it gets the same reason, not silence.
    const parsed = parseAmount(reply.message?.text ?? "", limits);
    if (parsed.ok) return parsed.amount;
    const key = { format: "topup-amount-format", fraction: "topup-amount-fraction", too_small: "topup-amount-too-small", too_large: "topup-amount-too-large" }[parsed.reason];
    await reply.reply(reply.t(key, bounds), { parse_mode: "HTML" });
    return undefined;
  };
  const picked = await choose(conversation, prompt, [...presets.map((value) => data.amount(value)), data.amount("other")], { read });
  if (typeof picked.value === "number") return picked.value;
  if (picked.value !== data.amount("other")) return Number(picked.value.slice(amountPrefix.length));
  const typePrompt = await ctx.reply(ctx.t("topup-type-amount", bounds), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(ctx.t("topup-cancel"), data.cancel),
  });
  const typed = await choose(conversation, typePrompt, [], { read });
  return Number(typed.value);
}

/** Resolves with the Lanjutkan press. */
async function confirmSummary(conversation: Conv, ctx: Ctx, amount: number, method: PaymentMethod): Promise<Ctx> {
  const prompt = await ctx.reply(ctx.t("topup-summary", { amount: formatRupiah(amount), method: formatMethod(ctx.t, method), flow: method.flow }), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(ctx.t("topup-continue"), data.proceed).text(ctx.t("topup-cancel"), data.cancel),
  });
  return (await choose(conversation, prompt, [data.proceed])).ctx;
}

async function confirmRepeat(conversation: Conv, ctx: Ctx, plan: RepeatPlan) {
  const method = methodById(plan.method);
  const payWith = formatMethod(ctx.t, method, plan.phone && maskPhone(plan.phone));
  const prompt = await ctx.reply(ctx.t("repeat-summary", { amount: formatRupiah(plan.amount), method: payWith, flow: method.flow }), {
    parse_mode: "HTML",
    reply_markup: confirmKeyboard(ctx, [ctx.t("repeat-pay"), data.pay], [ctx.t("repeat-change"), data.change]),
  });
  return choose(conversation, prompt, [data.pay, data.change]);
}
