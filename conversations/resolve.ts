import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { actorOf } from "../src/bot/admin.js";
import type { BotContext, ConversationContext } from "../src/bot/context.js";
import { chargeText } from "../src/bot/exception-text.js";
import { escapeHtml } from "../src/bot/i18n.js";
import { formatRupiah } from "../src/format.js";
import type { Charge } from "../src/payments/gateway.js";
import { MAX_REASON_LENGTH, type CreditRefusal } from "../src/operations/exceptions.js";
import type { Services } from "../src/services.js";

/** Bump when the steps below change: conversations saved by an older version are then dropped, not replayed. */
export const RESOLVE_CONVERSATION_VERSION = 1;
export const RESOLVE_CONVERSATION = "resolve-exception";

export type Resolution = "credit" | "dismiss";

type Conv = Conversation<BotContext, ConversationContext>;
type Ctx = ConversationContext;

const data = {
  confirm: (id: number) => `excr:${id}:ok`,
  abort: (id: number) => `excr:${id}:no`,
};

/** What the replay log keeps of the service's answers: plain JSON (no rows, no dates). */
type Checked = { kind: "creditable"; charge: Charge; expected: number; differs: boolean } | { kind: Exclude<CreditRefusal["kind"], "reason_required">; charge?: Charge; code?: string };
type Applied = { kind: string; amount?: number; balanceAfter?: number; charge?: Charge; code?: string };

/**
 * Kreditkan and Tandai selesai of one exception (/masalah), for admins: the gateway's word where money is concerned,
 * a typed reason, a confirmation, then the service applies it in one transaction. Whatever happened meanwhile
 * (another admin resolved it, a late callback credited it, the gateway changed its answer) is told, not overridden.
 */
export function createResolveConversation(services: Pick<Services, "exceptions">) {
  return async function resolveException(conversation: Conv, ctx: Ctx, id: number, resolution: Resolution): Promise<void> {
    if (resolution === "credit") await credit(conversation, ctx, services, id);
    else await dismiss(conversation, ctx, services, id);
  };
}

async function credit(conversation: Conv, ctx: Ctx, services: Pick<Services, "exceptions">, id: number): Promise<void> {
  const checked = await conversation.external(async (): Promise<Checked> => {
    const result = await services.exceptions.creditable(id);
    if (result.kind === "creditable") return { kind: result.kind, charge: result.charge, expected: result.expected, differs: result.differs };
    if (result.kind === "reason_required") throw new Error("creditable never asks for a reason");
    return plain(result);
  });
  if (checked.kind !== "creditable") {
    await ctx.reply(refusalText(ctx, id, checked), { parse_mode: "HTML" });
    return;
  }
  const { charge, expected, differs } = checked;
  const intro = differs
    ? ctx.t("exceptions-credit-differs", { paid: formatRupiah(charge.amount), expected: formatRupiah(expected) })
    : ctx.t("exceptions-credit-matches", { amount: formatRupiah(charge.amount) });
  const reason = await askReason(conversation, ctx, id, [chargeText(ctx.t, charge), intro, ctx.t(differs ? "exceptions-reason-ask-differs" : "exceptions-reason-ask")].join("\n\n"));
  await confirm(conversation, ctx, id, ctx.t("exceptions-credit-confirm", { id: String(id), amount: formatRupiah(charge.amount), reason: escapeHtml(reason) }), ctx.t("exceptions-credit-yes"));

  const actor = actorOf(ctx);
  const applied = await conversation.external(async (): Promise<Applied> => {
    const result = await services.exceptions.credit(id, { amount: charge.amount, reason, actor });
    if (result.kind === "credited") return { kind: result.kind, amount: result.amount, balanceAfter: result.balanceAfter };
    return plain(result);
  });
  if (applied.kind === "credited") {
    await ctx.reply(ctx.t("exceptions-credited", { id: String(id), amount: formatRupiah(applied.amount!), balance: formatRupiah(applied.balanceAfter!) }), { parse_mode: "HTML" });
  } else if (applied.kind === "already_credited") {
    await ctx.reply(ctx.t("exceptions-already-credited", { id: String(id) }), { parse_mode: "HTML" });
  } else {
    await ctx.reply(refusalText(ctx, id, applied), { parse_mode: "HTML" });
  }
}

async function dismiss(conversation: Conv, ctx: Ctx, services: Pick<Services, "exceptions">, id: number): Promise<void> {
  const open = await conversation.external(async () => {
    const view = await services.exceptions.view(id);
    return view === undefined ? "not_found" : view.exception.resolvedAt ? "already_resolved" : "open";
  });
  if (open !== "open") {
    await ctx.reply(refusalText(ctx, id, { kind: open }), { parse_mode: "HTML" });
    return;
  }
  const reason = await askReason(conversation, ctx, id, ctx.t("exceptions-dismiss-ask", { id: String(id) }));
  await confirm(conversation, ctx, id, ctx.t("exceptions-dismiss-confirm", { id: String(id), reason: escapeHtml(reason) }), ctx.t("exceptions-dismiss-yes"));
  const actor = actorOf(ctx);
  const result = await conversation.external(async () => (await services.exceptions.dismiss(id, { reason, actor })).kind);
  await ctx.reply(result === "dismissed" ? ctx.t("exceptions-dismissed", { id: String(id) }) : refusalText(ctx, id, { kind: result }), { parse_mode: "HTML" });
}

function plain(result: { kind: string; charge?: Charge; code?: string }): { kind: never; charge?: Charge; code?: string } {
  return { kind: result.kind as never, ...(result.charge && { charge: result.charge }), ...(result.code !== undefined && { code: result.code }) };
}

function refusalText(ctx: Ctx, id: number, refusal: { kind: string; charge?: Charge; code?: string }): string {
  const text = ctx.t(`exceptions-refused-${refusal.kind}`, { id: String(id), code: escapeHtml(refusal.code ?? "") });
  return refusal.charge ? `${text}\n\n${chargeText(ctx.t, refusal.charge)}` : text;
}

/** A typed reason (required, at most MAX_REASON_LENGTH characters). */
async function askReason(conversation: Conv, ctx: Ctx, id: number, question: string): Promise<string> {
  const prompt = await ctx.reply(question, { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(ctx.t("exceptions-cancel-button"), data.abort(id)) });
  const reason = await readReason(conversation, prompt, id);
  await ctx.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id, { reply_markup: undefined });
  return reason;
}

/** Like every step here, an update that does not answer it is answered and skipped: it leaves no trace in the replay log. */
async function readReason(conversation: Conv, prompt: Message, id: number): Promise<string> {
  const next = await conversation.wait();
  if (next.callbackQuery) {
    if (isOn(next, prompt) && next.callbackQuery.data === data.abort(id)) await abort(conversation, next);
    // Buttons of other messages (the list, another item) go on to their handlers.
    return conversation.skip({ next: true });
  }
  const reason = next.message?.text?.trim() ?? "";
  if (reason !== "" && reason.length <= MAX_REASON_LENGTH) return reason;
  await next.reply(next.t(reason === "" ? "exceptions-reason-required" : "exceptions-reason-too-long", { max: MAX_REASON_LENGTH }));
  return conversation.skip({ next: false });
}

/** Waits for the yes on this prompt; its buttons go once pressed, so a second tap finds nothing to confirm. */
async function confirm(conversation: Conv, ctx: Ctx, id: number, question: string, yes: string): Promise<void> {
  const prompt = await ctx.reply(question, {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(yes, data.confirm(id)).text(ctx.t("exceptions-cancel-button"), data.abort(id)),
  });
  await readConfirmation(conversation, prompt, id);
}

async function readConfirmation(conversation: Conv, prompt: Message, id: number): Promise<void> {
  const next = await conversation.wait();
  const query = next.callbackQuery;
  if (!query) {
    await next.reply(next.t("exceptions-use-buttons"));
    return conversation.skip({ next: false });
  }
  if (!isOn(next, prompt)) return conversation.skip({ next: true });
  if (query.data === data.abort(id)) await abort(conversation, next);
  if (query.data !== data.confirm(id)) {
    await next.answerCallbackQuery({ text: next.t("stale-button") });
    return conversation.skip({ next: false });
  }
  await next.answerCallbackQuery();
  await next.editMessageReplyMarkup({ reply_markup: undefined });
}

function isOn(ctx: Ctx, prompt: Message): boolean {
  return ctx.callbackQuery?.message?.message_id === prompt.message_id;
}

async function abort(conversation: Conv, ctx: Ctx): Promise<never> {
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  await ctx.reply(ctx.t("exceptions-cancelled"));
  return conversation.halt();
}
