import type { TopupStatus } from "../../db/rows.js";
import type { Topup } from "../payments/topup-service.js";
import { methodById, methodOfChannel, type PaymentMethod } from "../payments/methods.js";
import { maskPhone } from "../payments/phone.js";
import { formatMethod, formatRupiah, formatWib } from "../format.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** failure_code values with their own explanation in locales/*\/topup.ftl; anything else is "generic". */
const explainedFailures = new Set([
  "USER_DECLINED_PAYMENT",
  "INSUFFICIENT_BALANCE",
  "USER_UNREACHABLE",
  "ACCOUNT_ACCESS_BLOCKED",
  "INVALID_ACCOUNT_DETAILS",
  "MAXIMUM_LIMIT_REACHED",
  "ACCOUNT_NOT_ACTIVATED",
  "CHANNEL_UNAVAILABLE",
  "INVALID_MERCHANT_CREDENTIALS",
  "API_VALIDATION_ERROR",
  "EXPIRED",
  "NO_GATEWAY_RESPONSE",
  "CHARGE_NOT_FOUND",
  "STATUS_CHECK_FAILED",
  "VOIDED",
  "REFUNDED",
  // Payments API v3 (QRIS, virtual accounts, redirect e-wallets)
  "USER_DID_NOT_AUTHORIZE",
  "USER_DEVICE_UNREACHABLE",
  "PAYMENT_REQUEST_EXPIRED",
  "PARTNER_TIMEOUT_ERROR",
  // Ours: the merchant cancelled, or started another top-up.
  "CANCELLED",
]);

/**
 * Why a payment did not go through, worded for the method: the app of an e-wallet, the bank of a virtual account,
 * the app that scanned a QR. Without a method, OVO's (the only one before there were others).
 */
export function failureReason(t: Translate, code: string | null | undefined, method: PaymentMethod = methodById("OVO")): string {
  const vars = { group: method.group, flow: method.flow, name: method.name, method: formatMethod(t, method) };
  return code && explainedFailures.has(code) ? t(`failure-${code}`, vars) : t("failure-generic", vars);
}

/** How a top-up was (to be) paid, as the merchant knows it: "OVO 0812****7890", "QRIS", "BCA Virtual Account", "DANA". */
export function methodLabel(t: Translate, topup: Pick<Topup, "channelCode" | "phone">): string {
  return formatMethod(t, methodOfChannel(topup.channelCode), topup.phone ? maskPhone(topup.phone) : undefined);
}

/** A top-up's status as the merchant sees it: a cancelled one is stored as expired with failure code CANCELLED. */
export function shownStatus(topup: Pick<Topup, "status" | "failureCode">): TopupStatus | "cancelled" {
  return topup.status === "expired" && topup.failureCode === "CANCELLED" ? "cancelled" : topup.status;
}

export function statusText(t: Translate, topup: Pick<Topup, "status" | "failureCode">): string {
  return t(`status-${shownStatus(topup)}`);
}

export function statusLine(t: Translate, topup: Pick<Topup, "createdAt" | "amount" | "channelCode" | "phone" | "status" | "failureCode">): string {
  return t("status-line", {
    date: formatWib(topup.createdAt),
    amount: formatRupiah(topup.amount),
    method: methodLabel(t, topup),
    status: statusText(t, topup),
  });
}
