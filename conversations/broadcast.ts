import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { broadcastAudiences, type BroadcastAudience } from "../db/rows.js";
import { actorOf } from "../src/bot/admin.js";
import { audienceName, muteKeyboard, progressKeyboard } from "../src/bot/broadcast-text.js";
import type { BotContext, ConversationContext } from "../src/bot/context.js";
import type { Services } from "../src/services.js";

/** Bump when the steps below change: conversations saved by an older version are then dropped, not replayed. */
export const BROADCAST_CONVERSATION_VERSION = 4;
export const BROADCAST_CONVERSATION = "broadcast";

type Conv = Conversation<BotContext, ConversationContext>;
type Ctx = ConversationContext;

const data = {
  audience: (audience: BroadcastAudience) => `bca:${audience}`,
  send: "bca:send",
  abort: "bca:abort",
};

/** /broadcast for admins: the message → the audience (with counts) → a preview → Kirim or Batal. */
export function createBroadcastConversation(services: Pick<Services, "broadcasts">) {
  return async function broadcast(conversation: Conv, ctx: Ctx): Promise<void> {
    const ask = await ctx.reply(ctx.t("admin-broadcast-ask"), { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(ctx.t("admin-cancel-button"), data.abort) });
    const source = await waitForSource(conversation);
    await ctx.api.editMessageReplyMarkup(ask.chat.id, ask.message_id, { reply_markup: undefined });

    const counts = await conversation.external(() => services.broadcasts.audienceCounts(ctx.from!.id));
    const audienceKeyboard = new InlineKeyboard();
    for (const audience of broadcastAudiences) {
      audienceKeyboard.text(ctx.t(`admin-audience-${audience}`, { count: counts[audience] }), data.audience(audience)).row();
    }
    audienceKeyboard.text(ctx.t("admin-cancel-button"), data.abort);
    const audiencePrompt = await ctx.reply(ctx.t("admin-broadcast-audience"), { reply_markup: audienceKeyboard });
    const picked = await pick(conversation, audiencePrompt, broadcastAudiences.map(data.audience));
    const audience = broadcastAudiences.find((a) => data.audience(a) === picked)!;
    if (counts[audience] === 0) {
      await ctx.reply(ctx.t("admin-broadcast-nobody"));
      return;
    }

    // The preview is a real copy, opt-out button included: exactly what merchants will get.
    await ctx.api.copyMessage(source.chat.id, source.chat.id, source.message_id, { reply_markup: muteKeyboard(ctx.t) });
    const confirm = await ctx.reply(ctx.t("admin-broadcast-preview", { count: counts[audience], audience: audienceName(ctx.t, audience) }), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("admin-broadcast-send"), data.send).text(ctx.t("admin-cancel-button"), data.abort),
    });
    await pick(conversation, confirm, [data.send]);

    const created = await conversation.external(async () => {
      const { id, total } = await services.broadcasts.create(
        { adminId: ctx.from!.id, adminChatId: source.chat.id, sourceChatId: source.chat.id, sourceMessageId: source.message_id, audience },
        actorOf(ctx),
      );
      return { id, total };
    });
    const status = await ctx.reply(ctx.t("admin-broadcast-started", { id: String(created.id), total: created.total }), {
      parse_mode: "HTML",
      reply_markup: progressKeyboard(ctx.t, created.id),
    });
    const running = await conversation.external(() => services.broadcasts.setProgressMessage(created.id, status.message_id));
    if (!running) await ctx.api.editMessageReplyMarkup(status.chat.id, status.message_id, { reply_markup: undefined });
  };
}

/**
 * The admin's message to broadcast: a text, a photo or a document, typed or forwarded. Like every step here, an
 * update that does not answer it is answered and skipped, so it leaves no trace in the replay log.
 */
async function waitForSource(conversation: Conv): Promise<Message> {
  const next = await conversation.wait();
  if (next.callbackQuery?.data === data.abort) await abort(conversation, next);
  if (next.callbackQuery) return conversation.skip({ next: true });
  const message = next.message;
  if (message && (message.text !== undefined || message.photo || message.document)) return message;
  await next.reply(next.t("admin-broadcast-unsupported"));
  return conversation.skip({ next: false });
}

/**
 * Waits for one of `choices` pressed on `prompt`. Buttons of other messages are passed on (a Batal under a
 * running broadcast's progress must still work); typed text gets a hint.
 */
async function pick(conversation: Conv, prompt: Message, choices: string[]): Promise<string> {
  const next = await conversation.wait();
  const query = next.callbackQuery;
  if (!query) {
    await next.reply(next.t("admin-broadcast-use-buttons"));
    return conversation.skip({ next: false });
  }
  const onPrompt = query.message?.message_id === prompt.message_id;
  if (!onPrompt || !query.data) return conversation.skip({ next: true });
  if (query.data === data.abort) await abort(conversation, next);
  if (!choices.includes(query.data)) {
    await next.answerCallbackQuery({ text: next.t("stale-button") });
    return conversation.skip({ next: false });
  }
  await next.answerCallbackQuery();
  // The choice stays visible, its buttons go: the same step cannot be answered twice.
  await next.editMessageReplyMarkup({ reply_markup: undefined });
  return query.data;
}

async function abort(conversation: Conv, ctx: Ctx): Promise<never> {
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  await ctx.reply(ctx.t("admin-broadcast-cancelled"));
  return conversation.halt();
}
