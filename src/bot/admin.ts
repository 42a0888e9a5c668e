import type { BotContext } from "./context.js";

/**
 * Admin commands sit behind this check (`bot.filter(isAdmin, …)`): for anyone else they do not exist, so
 * the update falls through to the same answer as any unknown command.
 */
export function isAdmin(ctx: BotContext): boolean {
  return ctx.chat?.type === "private" && ctx.from !== undefined && ctx.services.config.adminIds.includes(ctx.from.id);
}

/** Who did it, for the audit log: the admin's Telegram id and the name Telegram shows for them. */
export function actorOf(ctx: Pick<BotContext, "from">): { actorId: number; actorName: string } {
  const from = ctx.from!;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ");
  return { actorId: from.id, actorName: from.username ? `${name} (@${from.username})` : name };
}
