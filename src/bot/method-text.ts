import type { PaymentMethod } from "../payments/methods.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** "E-Wallet OVO", "QRIS", "Virtual Account BCA": a method as the top-up's steps and summary name it. */
export function methodName(t: Translate, method: Pick<PaymentMethod, "group" | "name">): string {
  return t("topup-method-name", { group: method.group, name: method.name });
}
