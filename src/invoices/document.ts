import type { MethodGroup, MethodId } from "../payments/methods.js";

/**
 * Everything an Invoice Coin Premium shows, frozen at the moment the payment is confirmed.
 * Stored as JSON with the invoice so that asking again later renders the very same document.
 */
export interface InvoiceDocument {
  /** e.g. "INV/CP/202611/000123" */
  number: string;
  /** ISO timestamp of confirmation (rendered in WIB). */
  issuedAt: string;
  /** Language of the merchant at confirmation. */
  locale: "id" | "en";
  seller: { name: string; address: string; taxId?: string };
  buyer: { name: string; storeName?: string; telegramUsername?: string };
  item: { description: "coin_premium"; quantity: number; unitPrice: number; amount: number };
  total: number;
  /**
   * The method's id (src/payments/methods.ts); "ewallet_ovo" on documents issued while OVO was the only one, which
   * carry no method fields and render as they always did.
   */
  paymentMethod: MethodId | "ewallet_ovo";
  /** Xendit's channel code, e.g. "QRIS", "BCA_VIRTUAL_ACCOUNT". */
  channelCode?: string;
  methodGroup?: MethodGroup;
  /** The brand paid with: the e-wallet, "QRIS", or a virtual account's bank ("BCA"). */
  methodName?: string;
  /** Already masked, e.g. "0812****7890"; only for a method paid from a phone number (OVO). */
  maskedPhone?: string;
  /** Our reference_id and the gateway's charge id. */
  reference: string;
  gatewayChargeId: string;
  /** ISO timestamp the gateway reported the payment. */
  paidAt: string;
  /** Coin Premium balance right after this top-up was credited. */
  balanceAfter: number;
}
