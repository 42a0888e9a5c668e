import { InlineKeyboard } from "grammy";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Callback data: short, prefixed by feature, ids as decimal numbers (64-byte limit). */
export const callbacks = {
  menu: (item: "topup" | "balance" | "status" | "history" | "help") => `menu:${item}`,
  status: "st:refresh",
  retry: (topupId: number) => `retry:${topupId}`,
  invoice: (topupId: number) => `inv:${topupId}`,
  language: (lang: "id" | "en") => `lang:${lang}`,
  repeat: (topupId: number) => `rp:${topupId}`,
};

export function mainMenu(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
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
