import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { replyRemovingKeyboard } from "../cosmetic.js";

/**
 * Installed before the conversations: a command always wins over a conversation step. /batal leaves any
 * conversation; any other command leaves it too and then runs as usual.
 */
export const cancelFeature = new Composer<BotContext>();

cancelFeature.command("batal", async (ctx) => {
  const active = Object.keys(ctx.conversation.active()).length > 0;
  await ctx.conversation.exitAll();
  await replyRemovingKeyboard(ctx, ctx.t(active ? "cancel-done" : "cancel-nothing"));
});

cancelFeature.on("message:entities:bot_command", async (ctx, next) => {
  const startsWithCommand = ctx.message.entities.some((entity) => entity.type === "bot_command" && entity.offset === 0);
  if (startsWithCommand) await ctx.conversation.exitAll();
  await next();
});
