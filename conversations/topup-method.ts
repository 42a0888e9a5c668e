import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { editOrReply } from "../src/bot/cosmetic.js";
import { formatMethod, formatRupiah } from "../src/format.js";
import { methodById, unavailableFor, type MethodGroup, type MethodId, type PaymentMethod, type PaymentMethods, type Unavailable } from "../src/payments/methods.js";
import { choose, data, groupPrefix, methodPrefix, type Conv, type Ctx } from "./topup-steps.js";

/** A button of the method step: offered, or shown with why it cannot take the amount. */
interface Option {
  label: string;
  data: string;
  refusal?: string;
}

/**
 * E-Wallet, QRIS, Virtual Account (the enabled ones), then the group's e-wallet or bank; a group of one method
 * needs no second step. What cannot take the amount is shown with the reason, and a press says it again.
 */
export async function askMethod(conversation: Conv, ctx: Ctx, methods: PaymentMethods, amount: number): Promise<PaymentMethod> {
  const groups = groupOptions(ctx, methods, amount);
  let prompt: Message = await ctx.reply(ctx.t("topup-choose-method"), { reply_markup: keyboardOf(ctx, groups, 1) });
  for (;;) {
    const group = await pick(conversation, prompt, groups);
    const members = methods.inGroup(group.value.slice(groupPrefix.length) as MethodGroup);
    if (members.length === 1) return members[0]!;
    const options = members.map((method) => option(ctx, method.name, data.method(method.id), unavailableFor(method, amount)));
    prompt = await editOrReply(group.ctx, ctx.t(members[0]!.group === "va" ? "topup-choose-bank" : "topup-choose-ewallet"), {
      reply_markup: keyboardOf(ctx, options, 2, true),
    });
    const chosen = await pick(conversation, prompt, options, [data.back]);
    if (chosen.value !== data.back) return methodById(chosen.value.slice(methodPrefix.length) as MethodId);
    prompt = await editOrReply(chosen.ctx, ctx.t("topup-choose-method"), { reply_markup: keyboardOf(ctx, groups, 1) });
  }
}

async function pick(conversation: Conv, prompt: Message, options: Option[], extra: string[] = []): Promise<{ value: string; ctx: Ctx }> {
  const choices = options.filter((o) => o.refusal === undefined).map((o) => o.data);
  const refusals = Object.fromEntries(options.flatMap((o) => (o.refusal === undefined ? [] : [[o.data, o.refusal]])));
  const picked = await choose<never>(conversation, prompt, [...choices, ...extra], { refusals });
  return { value: String(picked.value), ctx: picked.ctx };
}

function groupOptions(ctx: Ctx, methods: PaymentMethods, amount: number): Option[] {
  return methods.groups().map((group) => {
    const members = methods.inGroup(group);
    const label = members.length === 1 ? formatMethod(ctx.t, members[0]!) : ctx.t(`method-${group}`);
    const open = members.some((method) => unavailableFor(method, amount) === undefined);
    return option(ctx, label, data.group(group), open ? undefined : groupUnavailable(members, amount));
  });
}

/** A group none of whose methods takes the amount: the nearest bound any of them has. */
function groupUnavailable(members: PaymentMethod[], amount: number): Unavailable {
  const above = members.every((method) => amount > method.max);
  return above ? { reason: "above_max", max: Math.max(...members.map((m) => m.max)) } : { reason: "below_min", min: Math.min(...members.map((m) => m.min)) };
}

function option(ctx: Ctx, name: string, offered: string, unavailable: Unavailable | undefined): Option {
  if (!unavailable) return { label: name, data: offered };
  const [key, bound] = unavailable.reason === "above_max" ? ["above-max", { max: formatRupiah(unavailable.max) }] : ["below-min", { min: formatRupiah(unavailable.min) }];
  const vars: Record<string, string> = { name, ...bound };
  return { label: ctx.t(`topup-unavailable-${key}`, vars), data: data.unavailable(offered.slice("tu:".length)), refusal: ctx.t(`topup-refused-${key}`, vars) };
}

function keyboardOf(ctx: Ctx, options: Option[], perRow: number, back = false): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  let inRow = 0;
  for (const o of options) {
    // An unavailable one has a row of its own: its label is long.
    const alone = o.refusal !== undefined;
    if (inRow > 0 && (alone || inRow === perRow)) {
      keyboard.row();
      inRow = 0;
    }
    keyboard.text(o.label, o.data);
    inRow = alone ? perRow : inRow + 1;
  }
  if (back) keyboard.row().text(ctx.t("topup-back"), data.back);
  return keyboard.row().text(ctx.t("topup-cancel"), data.cancel);
}
