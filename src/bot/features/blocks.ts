import { Composer, type Transformer } from "grammy";
import type { MerchantService } from "../../merchants/merchant-service.js";
import type { BotContext } from "../context.js";

/**
 * Telegram reports blocks of the bot; a block means no more messages until the merchant comes back. Installed
 * before the conversations, which would otherwise take the update as an answer to the step they wait at.
 */
export const blocksFeature = new Composer<BotContext>();

blocksFeature.on("my_chat_member", async (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  if (ctx.chat.type === "private" && status === "kicked") await ctx.services.merchants.markBlocked(ctx.chat.id);
});

/**
 * A 403 on a call aimed at a merchant's chat says the same as the update (which may come late, or be taken by
 * nobody): the merchant blocked the bot. The error still reaches the caller.
 */
export function recordBlocks(merchants: Pick<MerchantService, "markBlocked">): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    // Private chats have the user's (positive) id; groups and channels are not merchants.
    if (!result.ok && result.error_code === 403 && typeof chatId === "number" && chatId > 0) await merchants.markBlocked(chatId);
    return result;
  };
}
