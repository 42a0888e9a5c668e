import { Composer } from "grammy";
import { broadcastCallbacks } from "../broadcast-text.js";
import type { BotContext } from "../context.js";

/**
 * The merchant's side of broadcasts: the opt-out button under each one and /pengumuman to opt in again.
 * Installed before the conversations, so a top-up in progress does not swallow the button.
 */
export const announcementsFeature = new Composer<BotContext>();
const privateChats = announcementsFeature.chatType("private");

privateChats.callbackQuery(broadcastCallbacks.mute, async (ctx) => {
  const { broadcasts } = ctx.services;
  const alreadyMuted = await broadcasts.isMuted(ctx.from.id);
  await broadcasts.mute(ctx.from.id);
  await ctx.answerCallbackQuery({ text: ctx.t("broadcast-muted-toast") });
  // A second tap (or a redelivered one) changes nothing and says nothing more.
  if (!alreadyMuted) await ctx.reply(ctx.t("broadcast-muted"));
});

privateChats.command("pengumuman", async (ctx) => {
  const { broadcasts } = ctx.services;
  if (!(await broadcasts.isMuted(ctx.from.id))) {
    await ctx.reply(ctx.t("broadcast-already-on"));
    return;
  }
  await broadcasts.unmute(ctx.from.id);
  await ctx.reply(ctx.t("broadcast-unmuted"));
});
