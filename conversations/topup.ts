import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, Keyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext, ConversationContext } from "../src/bot/context.js";
import { editOrReply, replyRemovingKeyboard } from "../src/bot/cosmetic.js";
import { statusButton } from "../src/bot/keyboards.js";
import { failureReason } from "../src/bot/payment-text.js";
import { formatRupiah } from "../src/format.js";
import { MAX_TOPUP, MIN_TOPUP, PRESET_AMOUNTS, parseAmount } from "../src/payments/amount.js";
import { maskPhone, parseIndonesianMobile } from "../src/payments/phone.js";
import type { StartResult } from "../src/payments/topup-service.js";
import type { Services } from "../src/services.js";

/** Bump when the steps below change: conversations saved by an older version are then dropped, not replayed. */
export const TOPUP_CONVERSATION_VERSION = 5;
export const TOPUP_CONVERSATION = "topup";

type Conv = Conversation<BotContext, ConversationContext>;
type Ctx = ConversationContext;

const amountPrefix = "tu:amt:";
const data = {
  amount: (value: number | "other") => `${amountPrefix}${value}`,
  ewallet: "tu:ewallet",
  ovo: "tu:ovo",
  proceed: "tu:continue",
  ok: "tu:ok",
  changePhone: "tu:phone",
  cancel: "tu:cancel",
};

/** What the conversation keeps of a start attempt: plain JSON, since it is stored in the replay log. */
interface StartSummary {
  kind: StartResult["kind"];
  amount: number;
  phone: string;
  code?: string;
}

/** The guided top-up: nominal → E-Wallet → OVO → summary → OVO number → OK → charge. */
export function createTopupConversation(services: Pick<Services, "topups" | "merchants">) {
  return async function topup(conversation: Conv, ctx: Ctx, presetAmount?: number): Promise<void> {
    const merchantId = ctx.from!.id;
    const amount = presetAmount ?? (await askAmount(conversation, ctx));
    await askMethod(conversation, ctx);
    await confirmSummary(conversation, ctx, amount);
    const lastPhone = await conversation.external(async () => (await services.merchants.get(merchantId))?.lastPhone ?? undefined);
    for (;;) {
      const { phone, ownNumber } = await askPhone(conversation, ctx, lastPhone);
      const confirmation = await confirmPhone(conversation, ctx, amount, phone);
      if (confirmation.choice === data.changePhone) continue;
      await ctx.replyWithChatAction("typing");
      // The OK press's id is the same if Telegram delivers it again, so a redelivery finds the same top-up.
      const requestKey = `tg:${confirmation.ctx.callbackQuery?.id ?? confirmation.ctx.update.update_id}`;
      const result = await conversation.external(
        async (): Promise<StartSummary> => summarize(await services.topups.start({ merchantId, amount, method: "OVO", phone, ownNumber, requestKey })),
      );
      await replyWithResult(ctx, result);
      return;
    }
  };
}

async function askAmount(conversation: Conv, ctx: Ctx): Promise<number> {
  const keyboard = new InlineKeyboard();
  PRESET_AMOUNTS.forEach((value, index) => {
    keyboard.text(formatRupiah(value), data.amount(value));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.text(ctx.t("topup-other-amount"), data.amount("other")).row().text(ctx.t("topup-cancel"), data.cancel);
  const prompt = await ctx.reply(ctx.t("topup-choose-amount"), { parse_mode: "HTML", reply_markup: keyboard });
  const presets = PRESET_AMOUNTS.map((value) => data.amount(value));
  const picked = await choose(conversation, prompt, [...presets, data.amount("other")], readAmount);
  if (typeof picked.value === "number") return picked.value;
  if (picked.value !== data.amount("other")) return Number(picked.value.slice(amountPrefix.length));
  const typePrompt = await ctx.reply(ctx.t("topup-type-amount", { min: formatRupiah(MIN_TOPUP), max: formatRupiah(MAX_TOPUP) }), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(ctx.t("topup-cancel"), data.cancel),
  });
  const typed = await choose(conversation, typePrompt, [], readAmount);
  return Number(typed.value);
}

/** A typed amount, or a reply saying why it was not accepted. */
async function readAmount(ctx: Ctx): Promise<number | undefined> {
  // Anything but text (a shared contact) is no amount either: it gets the same reason, not silence.
  const parsed = parseAmount(ctx.message?.text ?? "");
  if (parsed.ok) return parsed.amount;
  const key = { format: "topup-amount-format", fraction: "topup-amount-fraction", too_small: "topup-amount-too-small", too_large: "topup-amount-too-large" }[parsed.reason];
  await ctx.reply(ctx.t(key, { min: formatRupiah(MIN_TOPUP), max: formatRupiah(MAX_TOPUP) }), { parse_mode: "HTML" });
  return undefined;
}

async function askMethod(conversation: Conv, ctx: Ctx): Promise<void> {
  const prompt = await ctx.reply(ctx.t("topup-choose-method"), {
    reply_markup: new InlineKeyboard().text(ctx.t("topup-method-ewallet"), data.ewallet).row().text(ctx.t("topup-cancel"), data.cancel),
  });
  const method = await choose(conversation, prompt, [data.ewallet]);
  const ewallets = await editOrReply(method.ctx, ctx.t("topup-choose-ewallet"), {
    reply_markup: new InlineKeyboard().text(ctx.t("topup-method-ovo"), data.ovo).row().text(ctx.t("topup-cancel"), data.cancel),
  });
  await choose(conversation, ewallets, [data.ovo]);
}

async function confirmSummary(conversation: Conv, ctx: Ctx, amount: number): Promise<void> {
  const prompt = await ctx.reply(ctx.t("topup-summary", { amount: formatRupiah(amount) }), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(ctx.t("topup-continue"), data.proceed).text(ctx.t("topup-cancel"), data.cancel),
  });
  await choose(conversation, prompt, [data.proceed]);
}

async function askPhone(conversation: Conv, ctx: Ctx, lastPhone: string | undefined): Promise<{ phone: string; ownNumber: boolean }> {
  const keyboard = new Keyboard().requestContact(ctx.t("topup-share-phone")).row();
  const lastLabel = lastPhone ? ctx.t("topup-last-phone", { phone: maskPhone(lastPhone) }) : undefined;
  if (lastLabel) keyboard.text(lastLabel).row();
  keyboard.text(ctx.t("topup-cancel")).resized().oneTime();
  const prompt = await ctx.reply(ctx.t("topup-ask-phone"), { parse_mode: "HTML", reply_markup: keyboard });
  const cancelLabel = ctx.t("topup-cancel");
  const read = async (reply: Ctx): Promise<string | undefined> => {
    const text = reply.message?.text;
    if (text === cancelLabel) await cancel(conversation, reply);
    if (lastPhone && text === lastLabel) return lastPhone;
    const candidate = reply.message?.contact?.phone_number ?? text;
    if (candidate === undefined) return undefined;
    const parsed = parseIndonesianMobile(candidate);
    if (parsed.ok) return parsed.e164;
    await reply.reply(reply.t(parsed.reason === "format" ? "topup-phone-format" : "topup-phone-not-mobile"), { parse_mode: "HTML" });
    return undefined;
  };
  const answer = await choose(conversation, prompt, [], read);
  // Telegram fills a contact's user_id from its number: the sender's own id only on their own card (📱).
  // Any other card (forwarded, or a stranger's from the address book) counts as a typed number.
  const contact = answer.ctx.message?.contact;
  return { phone: String(answer.value), ownNumber: contact?.user_id !== undefined && contact.user_id === answer.ctx.from?.id };
}

async function confirmPhone(conversation: Conv, ctx: Ctx, amount: number, phone: string) {
  const masked = maskPhone(phone);
  await replyRemovingKeyboard(ctx, ctx.t("topup-phone-received", { phone: masked }), { parse_mode: "HTML" });
  const prompt = await ctx.reply(ctx.t("topup-confirm-phone", { amount: formatRupiah(amount), phone: masked }), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(ctx.t("topup-ok"), data.ok)
      .row()
      .text(ctx.t("topup-change-phone"), data.changePhone)
      .text(ctx.t("topup-cancel"), data.cancel),
  });
  const answer = await choose(conversation, prompt, [data.ok, data.changePhone]);
  return { choice: answer.value, ctx: answer.ctx };
}

/**
 * Waits for one of `choices` pressed on `prompt`, or for a message that `read` accepts. Buttons of other
 * (older) messages are answered as no longer active; Batal ends the conversation. Anything else is answered and
 * then skipped: it leaves no trace in the replay log, so junk cannot grow the stored state, and its answer (already
 * sent) is not sent again when later updates replay the conversation.
 */
async function choose<T>(
  conversation: Conv,
  prompt: Message,
  choices: string[],
  read?: (ctx: Ctx) => Promise<T | undefined>,
): Promise<{ value: string | T; ctx: Ctx }> {
  const next = await conversation.wait();
  const query = next.callbackQuery;
  // Buttons of other features (an invoice, the history, the menu) keep working during a top-up.
  if (query && !query.data?.startsWith("tu:")) return conversation.skip({ next: true });
  if (query) {
    const current = query.message?.message_id === prompt.message_id;
    if (current && query.data === data.cancel) await cancel(conversation, next);
    if (!current || !query.data || !choices.includes(query.data)) {
      await next.answerCallbackQuery({ text: next.t("stale-button") });
      return conversation.skip({ next: false });
    }
    await next.answerCallbackQuery();
    // Leave the choice visible but take the buttons away, so the same step cannot be answered twice.
    await next.editMessageReplyMarkup({ reply_markup: undefined });
    return { value: query.data, ctx: next };
  }
  // A reader answers its own refusals; anything else (a sticker, text at a buttons-only step) gets a hint.
  const readable = next.message?.text !== undefined || next.message?.contact !== undefined;
  if (!read || !readable) {
    await next.reply(next.t("topup-use-buttons"));
    return conversation.skip({ next: false });
  }
  const value = await read(next);
  return value === undefined ? conversation.skip({ next: false }) : { value, ctx: next };
}

async function cancel(conversation: Conv, ctx: Ctx): Promise<never> {
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  }
  await replyRemovingKeyboard(ctx, ctx.t("topup-cancelled"));
  return conversation.halt();
}

function summarize(result: StartResult): StartSummary {
  if (result.kind === "phone_limited") return { kind: result.kind, amount: 0, phone: "" };
  return {
    kind: result.kind,
    amount: result.topup.amount,
    phone: maskPhone(result.topup.phone ?? ""),
    code: result.kind === "declined" ? result.code : undefined,
  };
}

async function replyWithResult(ctx: Ctx, result: StartSummary): Promise<void> {
  const vars = { amount: formatRupiah(result.amount), phone: result.phone };
  const html = { parse_mode: "HTML" as const };
  switch (result.kind) {
    case "pending":
      await ctx.reply(ctx.t("topup-sent", vars), { ...html, reply_markup: statusButton(ctx.t) });
      return;
    case "uncertain":
      await ctx.reply(ctx.t("topup-uncertain", vars), { ...html, reply_markup: statusButton(ctx.t) });
      return;
    case "already_open":
      await ctx.reply(ctx.t("topup-already-open", vars), { ...html, reply_markup: statusButton(ctx.t) });
      return;
    case "declined":
      await ctx.reply(ctx.t("topup-declined", { reason: failureReason(ctx.t, result.code) }), html);
      return;
    case "misconfigured":
      await ctx.reply(ctx.t("topup-misconfigured"), html);
      return;
    case "phone_limited":
      await ctx.reply(ctx.t("topup-phone-limited"), html);
      return;
  }
}
