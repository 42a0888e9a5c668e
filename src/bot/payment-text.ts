import type { Topup } from "../payments/topup-service.js";
import { methodOfChannel } from "../payments/methods.js";
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
]);

export function failureReason(t: Translate, code: string | null | undefined): string {
  return code && explainedFailures.has(code) ? t(`failure-${code}`) : t("failure-generic");
}

/** How a top-up was (to be) paid, as the merchant knows it: "OVO 0812****7890", "QRIS", "BCA Virtual Account", "DANA". */
export function methodLabel(t: Translate, topup: Pick<Topup, "channelCode" | "phone">): string {
  const method = methodOfChannel(topup.channelCode);
  return formatMethod(t, method, topup.phone ? maskPhone(topup.phone) : undefined);
}

export function statusLine(t: Translate, topup: Pick<Topup, "createdAt" | "amount" | "channelCode" | "phone" | "status">): string {
  return t("status-line", {
    date: formatWib(topup.createdAt),
    amount: formatRupiah(topup.amount),
    method: methodLabel(t, topup),
    status: t(`status-${topup.status}`),
  });
}
