import { Composer, InlineKeyboard } from "grammy";
import { RESOLVE_CONVERSATION, type Resolution } from "../../../conversations/resolve.js";
import type { BotContext } from "../context.js";
import { editOrReply } from "../cosmetic.js";
import { chargeText, exceptionBlock, exceptionCallbacks, exceptionDetail } from "../exception-text.js";
import { escapeHtml } from "../i18n.js";

/** Admins only (installed behind isAdmin): /masalah, the open exceptions, and what can be done about each. */
export const exceptionsFeature = new Composer<BotContext>();
const privateChats = exceptionsFeature.chatType("private");

const PAGE_SIZE = 5;
/** Enough for any list: a page number beyond it is not ours. */
const PAGE_DIGITS = 6;

privateChats.command(["masalah", "issues"], (ctx) => showPage(ctx, 0, false));

privateChats.callbackQuery(new RegExp(`^excp:(\\d{1,${PAGE_DIGITS}})$`), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showPage(ctx, Number(ctx.match[1]), true);
});

/** One exception, from the list or a report's button; the id is user input. */
privateChats.callbackQuery(/^exc:(\d{1,12})$/, async (ctx) => {
  const view = await ctx.services.exceptions.view(Number(ctx.match[1]));
  if (!view) {
    await ctx.answerCallbackQuery({ text: ctx.t("exceptions-not-found") });
    return;
  }
  await ctx.answerCallbackQuery();
  const { text, keyboard } = exceptionDetail(ctx.t.bind(ctx), view, ctx.services.clock.now());
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
});

/** Periksa ke Xendit: the gateway's current word, shown; nothing changes, whatever it says. */
privateChats.callbackQuery(/^exc:(\d{1,12}):chk$/, async (ctx) => {
  const id = Number(ctx.match[1]);
  await ctx.answerCallbackQuery();
  await ctx.replyWithChatAction("typing");
  const state = await ctx.services.exceptions.inspect(id);
  const text =
    state.kind === "charge"
      ? ctx.t("exceptions-gateway-title", { id: String(id) }) + "\n" + chargeText(ctx.t.bind(ctx), state.charge)
      : ctx.t(`exceptions-gateway-${state.kind}`, { id: String(id), code: state.kind === "unavailable" ? escapeHtml(state.code) : "" });
  await ctx.reply(text, { parse_mode: "HTML" });
});

/** Kreditkan and Tandai selesai: a conversation of their own, leaving whatever else was half done. */
privateChats.callbackQuery(/^exc:(\d{1,12}):(cr|dis)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const resolution: Resolution = ctx.match[2] === "cr" ? "credit" : "dismiss";
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(RESOLVE_CONVERSATION, Number(ctx.match[1]), resolution);
});

async function showPage(ctx: BotContext, requested: number, edit: boolean): Promise<void> {
  const { exceptions, clock } = ctx.services;
  let { total, items } = await exceptions.openPage(PAGE_SIZE, requested * PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // Resolved meanwhile, the page asked for may be past the end now: the last one is shown instead.
  const page = Math.min(requested, pages - 1);
  if (page !== requested) ({ total, items } = await exceptions.openPage(PAGE_SIZE, page * PAGE_SIZE));
  const t = ctx.t.bind(ctx);
  if (total === 0) {
    const text = t("exceptions-none");
    await (edit ? editOrReply(ctx, text, {}) : ctx.reply(text));
    return;
  }
  const now = clock.now();
  const text = [t("exceptions-title", { total, page: page + 1, pages }), ...items.map((view) => exceptionBlock(t, view, now))].join("\n\n");
  const keyboard = new InlineKeyboard();
  for (const { exception } of items) keyboard.text(t("exceptions-open-button", { id: String(exception.id) }), exceptionCallbacks.open(exception.id));
  keyboard.row();
  if (page > 0) keyboard.text(t("exceptions-prev-button"), exceptionCallbacks.page(page - 1));
  if (page < pages - 1) keyboard.text(t("exceptions-next-button"), exceptionCallbacks.page(page + 1));
  const other = { parse_mode: "HTML" as const, reply_markup: keyboard };
  await (edit ? editOrReply(ctx, text, other) : ctx.reply(text, other));
}
