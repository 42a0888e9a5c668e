import { Keyboard } from "grammy";
import { replyRemovingKeyboard } from "../src/bot/cosmetic.js";
import { formatRupiah } from "../src/format.js";
import { maskPhone, parseIndonesianMobile } from "../src/payments/phone.js";
import { cancel, choose, confirmKeyboard, data, type Conv, type Ctx } from "./topup-steps.js";

/** The OVO number and the OK that sends the push; "Ubah nomor" asks again. Resolves with the OK press. */
export async function askAndConfirmPhone(conversation: Conv, ctx: Ctx, amount: number, lastPhone: string | undefined) {
  for (;;) {
    const { phone, ownNumber } = await askPhone(conversation, ctx, lastPhone);
    const confirmation = await confirmPhone(conversation, ctx, amount, phone);
    if (confirmation.choice !== data.changePhone) return { phone, ownNumber, pressed: confirmation.ctx };
  }
}

async function askPhone(conversation: Conv, ctx: Ctx, lastPhone: string | undefined): Promise<{ phone: string; ownNumber: boolean }> {
  const keyboard = new Keyboard().requestContact(ctx.t("topup-share-phone")).row();
  const lastLabel = lastPhone ? ctx.t("topup-last-phone", { phone: maskPhone(lastPhone) }) : undefined;
  if (lastLabel) keyboard.text(lastLabel).row();
  keyboard.text(ctx.t("topup-cancel")).resized().oneTime();
  const prompt = await ctx.reply(ctx.t("topup-ask-phone"), { parse_mode: "HTML", reply_markup: keyboard });
  const cancelLabel = ctx.t("topup-cancel");
  const read = async (reply: Ctx): Promise<string | undefined> => {
    const text = reply.message?.text;
    if (text === cancelLabel) await cancel(conversation, reply);
    if (lastPhone && text === lastLabel) return lastPhone;
    const candidate = reply.message?.contact?.phone_number ?? text;
    if (candidate === undefined) return undefined;
    const parsed = parseIndonesianMobile(candidate);
    if (parsed.ok) return parsed.e164;
    await reply.reply(reply.t(parsed.reason === "format" ? "topup-phone-format" : "topup-phone-not-mobile"), { parse_mode: "HTML" });
    return undefined;
  };
  const answer = await choose(conversation, prompt, [], { read });
  // Telegram fills a contact's user_id from its number: the sender's own id only on their own card (📱).
  // Any other card (forwarded, or a stranger's from the address book) counts as a typed number.
  const contact = answer.ctx.message?.contact;
  return { phone: String(answer.value), ownNumber: contact?.user_id !== undefined && contact.user_id === answer.ctx.from?.id };
}

async function confirmPhone(conversation: Conv, ctx: Ctx, amount: number, phone: string) {
  const masked = maskPhone(phone);
  await replyRemovingKeyboard(ctx, ctx.t("topup-phone-received", { phone: masked }), { parse_mode: "HTML" });
  const prompt = await ctx.reply(ctx.t("topup-confirm-phone", { amount: formatRupiah(amount), phone: masked }), {
    parse_mode: "HTML",
    reply_markup: confirmKeyboard(ctx, [ctx.t("topup-ok"), data.ok], [ctx.t("topup-change-phone"), data.changePhone]),
  });
  const answer = await choose(conversation, prompt, [data.ok, data.changePhone]);
  return { choice: answer.value, ctx: answer.ctx };
}
