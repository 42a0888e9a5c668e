import { Composer } from "grammy";
import { BROADCAST_CONVERSATION } from "../../../conversations/broadcast.js";
import { actorOf } from "../admin.js";
import type { BotContext } from "../context.js";

/** Admins only (installed behind isAdmin): start a broadcast, stop a running one. */
export const broadcastFeature = new Composer<BotContext>();
const privateChats = broadcastFeature.chatType("private");

privateChats.command("broadcast", (ctx) => ctx.conversation.enter(BROADCAST_CONVERSATION));

/** Stops every running broadcast; the worker sends each one's final report. */
privateChats.command("broadcast_cancel", async (ctx) => {
  const { broadcasts } = ctx.services;
  const stopped = [];
  for (const broadcast of await broadcasts.running()) if (await broadcasts.cancel(broadcast.id, actorOf(ctx))) stopped.push(broadcast);
  if (stopped.length === 0) {
    await ctx.reply(ctx.t("admin-broadcast-not-running"));
    return;
  }
  for (const broadcast of stopped) await ctx.reply(ctx.t("admin-broadcast-cancelling", { id: String(broadcast.id) }));
});

/** Batal under the progress message. The id is user input; cancelling twice is harmless. */
privateChats.callbackQuery(/^bc:cancel:(\d{1,12})$/, async (ctx) => {
  const id = Number(ctx.match[1]);
  if (!(await ctx.services.broadcasts.cancel(id, actorOf(ctx)))) {
    await ctx.answerCallbackQuery({ text: ctx.t("admin-broadcast-not-running") });
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t("admin-broadcast-cancel-toast") });
  await ctx.reply(ctx.t("admin-broadcast-cancelling", { id: String(id) }));
});
