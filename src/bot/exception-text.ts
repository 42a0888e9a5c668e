import { InlineKeyboard } from "grammy";
import type { Charge } from "../payments/gateway.js";
import { formatRupiah, formatWib } from "../format.js";
import type { ExceptionView } from "../operations/exceptions.js";
import { escapeHtml } from "./i18n.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Callback data of /masalah: ids are decimal numbers, and user input wherever they come back. */
export const exceptionCallbacks = {
  /** Opens one exception; the reconciliation report's buttons use it too. */
  open: (id: number) => `exc:${id}`,
  check: (id: number) => `exc:${id}:chk`,
  credit: (id: number) => `exc:${id}:cr`,
  dismiss: (id: number) => `exc:${id}:dis`,
  page: (page: number) => `excp:${page}`,
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "3 jam": the largest whole unit, at least a minute. */
export function age(t: Translate, since: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - since.getTime());
  if (ms >= DAY_MS) return t("exceptions-age-days", { n: Math.floor(ms / DAY_MS) });
  if (ms >= HOUR_MS) return t("exceptions-age-hours", { n: Math.floor(ms / HOUR_MS) });
  return t("exceptions-age-minutes", { n: Math.max(1, Math.floor(ms / MINUTE_MS)) });
}

/** One exception as a block of lines: what it is, whose, how much, how it was paid, the gateway's ids, why, how old. */
export function exceptionBlock(t: Translate, { exception, topup, merchant, notification }: ExceptionView, now: Date): string {
  const lines = [t("exceptions-item-title", { id: String(exception.id), kind: t(`exceptions-kind-${exception.kind}`), age: age(t, exception.openedAt, now) })];
  const merchantId = merchant?.id ?? topup?.merchantId ?? notification?.chatId;
  if (merchantId !== undefined) {
    const name = merchant ? escapeHtml([merchant.firstName, merchant.lastName].filter(Boolean).join(" ")) : "—";
    const store = merchant?.storeName ? escapeHtml(merchant.storeName) : t("exceptions-no-store");
    lines.push(t("exceptions-item-merchant", { name, store, id: String(merchantId) }));
  }
  if (topup) {
    lines.push(
      t("exceptions-item-payment", {
        amount: formatRupiah(topup.amount),
        channel: topup.channelCode,
        status: topup.status,
        reference: escapeHtml(topup.referenceId),
        chargeId: topup.chargeId ? escapeHtml(topup.chargeId) : "—",
      }),
    );
  }
  if (notification) lines.push(t("exceptions-item-notification", { kind: escapeHtml(notification.kind), created: formatWib(notification.createdAt) }));
  lines.push(t("exceptions-item-reason", { reason: escapeHtml(exception.reason) }));
  return lines.join("\n");
}

/** The item view: the block, then how it ended if it did, with the buttons that make sense for it. */
export function exceptionDetail(t: Translate, view: ExceptionView, now: Date): { text: string; keyboard?: InlineKeyboard } {
  const { exception, topup } = view;
  const lines = [exceptionBlock(t, view, now), t("exceptions-item-opened", { at: formatWib(exception.openedAt) })];
  if (exception.resolvedAt) {
    lines.push(
      t("exceptions-item-resolved", {
        resolution: t(`exceptions-resolution-${exception.resolution ?? "dismissed"}`),
        at: formatWib(exception.resolvedAt),
        by: exception.resolvedBy === null ? t("exceptions-by-system") : String(exception.resolvedBy),
        reason: escapeHtml(exception.resolutionReason ?? "—"),
      }),
    );
    return { text: lines.join("\n") };
  }
  const keyboard = new InlineKeyboard();
  const payment = exception.kind !== "undeliverable" && topup?.chargeId;
  if (payment) keyboard.text(t("exceptions-check-button"), exceptionCallbacks.check(exception.id)).row();
  if (payment && topup.status !== "succeeded") keyboard.text(t("exceptions-credit-button"), exceptionCallbacks.credit(exception.id));
  keyboard.text(t("exceptions-dismiss-button"), exceptionCallbacks.dismiss(exception.id)).row();
  keyboard.text(t("exceptions-back-button"), exceptionCallbacks.page(0));
  return { text: lines.join("\n"), keyboard };
}

/** What the gateway says about a charge, as Periksa ke Xendit and the credit step show it. */
export function chargeText(t: Translate, charge: Charge): string {
  return t("exceptions-gateway-charge", {
    status: charge.status,
    amount: charge.currency === "IDR" ? formatRupiah(charge.amount) : `${escapeHtml(charge.currency)} ${charge.amount}`,
    chargeId: escapeHtml(charge.id),
    reference: escapeHtml(charge.referenceId),
    failure: charge.failureCode ? escapeHtml(charge.failureCode) : "—",
  });
}
