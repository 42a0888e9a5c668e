import type { InlineKeyboard } from "grammy";
import { formatRupiah } from "../format.js";
import { methodOfChannel, type MethodId, type PaymentMethods } from "../payments/methods.js";
import { maskPhone } from "../payments/phone.js";
import type { Topup } from "../payments/topup-service.js";
import type { BotContext } from "./context.js";
import { mainMenu } from "./keyboards.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** What "Top up lagi" pays again: plain JSON, since it goes into the conversation's stored arguments. */
export interface RepeatPlan {
  amount: number;
  method: MethodId;
  /** The OVO number (E.164), for push methods. */
  phone?: string;
}

/** "OVO 0812****7890", "QRIS", "BCA VA": short enough for a button. */
export function repeatMethodLabel(t: Translate, topup: Pick<Topup, "channelCode" | "phone">): string {
  const method = methodOfChannel(topup.channelCode);
  return t("repeat-method", { flow: method.flow, name: method.name, phone: maskPhone(topup.phone ?? "") });
}

/** A paid top-up as something to pay again, or undefined: not paid, or its method is no longer offered. */
export function repeatPlan(methods: PaymentMethods, topup: Topup): RepeatPlan | undefined {
  const method = methodOfChannel(topup.channelCode);
  if (topup.status !== "succeeded" || !methods.isEnabled(method.id)) return undefined;
  return { amount: topup.amount, method: method.id, ...(method.flow === "push" && topup.phone && { phone: topup.phone }) };
}

/** The main menu, with "Top up lagi" for a merchant who paid before with a method still offered. */
export async function mainMenuFor(ctx: BotContext): Promise<InlineKeyboard> {
  const last = ctx.from && (await ctx.services.topups.lastSucceeded(ctx.from.id));
  if (!last) return mainMenu(ctx.t);
  const label = ctx.t("menu-repeat", { amount: formatRupiah(last.amount), method: repeatMethodLabel(ctx.t, last) });
  return mainMenu(ctx.t, { label, topupId: last.id });
}
