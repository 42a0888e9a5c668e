import { InlineKeyboard } from "grammy";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Callback data: short, prefixed by feature, ids as decimal numbers (64-byte limit). */
export const callbacks = {
  menu: (item: "topup" | "balance" | "status" | "history" | "help") => `menu:${item}`,
  status: "st:refresh",
  retry: (topupId: number) => `retry:${topupId}`,
  invoice: (topupId: number) => `inv:${topupId}`,
  language: (lang: "id" | "en") => `lang:${lang}`,
  payCancel: (topupId: number) => `pay:cancel:${topupId}`,
  repeat: (topupId: number) => `rp:${topupId}`,
};

/** `repeat`: the "Top up lagi …" button of a returning merchant, first: the one tap they came for. */
export function mainMenu(t: Translate, repeat?: { label: string; topupId: number }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (repeat) keyboard.text(repeat.label, callbacks.repeat(repeat.topupId)).row();
  return keyboard
    .text(t("menu-topup"), callbacks.menu("topup"))
    .row()
    .text(t("menu-balance"), callbacks.menu("balance"))
    .text(t("menu-status"), callbacks.menu("status"))
    .row()
    .text(t("menu-history"), callbacks.menu("history"))
    .text(t("menu-help"), callbacks.menu("help"));
}

export function statusButton(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("topup-status-button"), callbacks.status);
}

export function retryButton(t: Translate, topupId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("topup-retry-button"), callbacks.retry(topupId));
}

/** Under a QR or an account waiting to be paid: ask the gateway now, or cancel it so that the code cannot be paid. */
export function payButtons(t: Translate, topupId: number, keyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard.text(t("topup-status-button"), callbacks.status).row().text(t("pay-cancel-button"), callbacks.payCancel(topupId));
}
