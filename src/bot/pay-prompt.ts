import { InlineKeyboard, InputFile } from "grammy";
import { escapeHtml, formatRupiah, formatWib } from "../format.js";
import { methodById, type MethodId } from "../payments/methods.js";
import { callbacks, payButtons } from "./keyboards.js";
import { qrisMerchantName, qrPng } from "./qris.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A started top-up that waits for the payer: what its prompt shows. Plain JSON (kept in a conversation's replay log). */
export interface WaitingCode {
  topupId: number;
  amount: number;
  method: MethodId;
  /** The QR string, account number or checkout URL. */
  payCode?: string;
  /** ISO time the gateway stops taking payment. */
  expiresAt?: string;
}

/** The message that lets the merchant pay: a QR photo, or a text with the account or the checkout's button. */
export type PayPrompt = { photo: InputFile; caption: string; keyboard: InlineKeyboard } | { text: string; keyboard: InlineKeyboard };

export async function payPrompt(t: Translate, waiting: WaitingCode): Promise<PayPrompt> {
  const method = methodById(waiting.method);
  const { payCode, topupId } = waiting;
  const amount = formatRupiah(waiting.amount);
  const expiry = waiting.expiresAt && t("pay-expiry", { time: formatWib(new Date(waiting.expiresAt)) });
  // Without a code there is nothing to pay with: the status check and cancel still are.
  if (!payCode) return { text: t("pay-code-missing", { amount, method: method.name }), keyboard: payButtons(t, topupId) };
  const lines = (...parts: (string | undefined | false)[]) => parts.filter((part) => typeof part === "string").join("\n");
  switch (method.flow) {
    case "qr": {
      const merchant = qrisMerchantName(payCode);
      const caption = lines(t("pay-qris-title", { amount }), merchant && t("pay-qris-merchant", { name: escapeHtml(merchant) }), expiry, "", t("pay-qris-scan"));
      return { photo: new InputFile(await qrPng(payCode), "qris.png"), caption, keyboard: payButtons(t, topupId) };
    }
    case "va": {
      const text = lines(
        t("pay-va-title", { bank: method.name }),
        t("pay-va-number", { number: escapeHtml(payCode) }),
        t("pay-va-amount", { amount }),
        expiry,
        "",
        t(`pay-howto-${method.id}`),
      );
      return { text, keyboard: payButtons(t, topupId, new InlineKeyboard().copyText(t("pay-va-copy"), payCode).row()) };
    }
    case "redirect": {
      const text = lines(t("pay-redirect-title", { name: method.name, amount }), expiry, t("pay-redirect-how", { name: method.name }));
      const keyboard = new InlineKeyboard().url(t("pay-redirect-button", { name: method.name }), payCode).row().text(t("pay-cancel-button"), callbacks.payCancel(topupId));
      return { text, keyboard };
    }
    case "push":
      throw new RangeError("an OVO push has no code to show");
  }
}
