import type { BotContext } from "./context.js";

/**
 * Admin commands sit behind this check (`bot.filter(isAdmin, …)`): for anyone else they do not exist, so
 * the update falls through to the same answer as any unknown command.
 */
export function isAdmin(ctx: BotContext): boolean {
  return ctx.chat?.type === "private" && ctx.from !== undefined && ctx.services.config.adminIds.includes(ctx.from.id);
}
