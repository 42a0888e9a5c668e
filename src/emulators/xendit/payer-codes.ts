import type { CreatePaymentRequestInput } from "./payment-request-validation.js";
import { qrisString } from "./qris.js";
import type { PaymentRequest, PaymentRequestAction } from "./types.js";
import { virtualAccountNumber } from "./va-numbers.js";

/** What the emulator hands payers: its merchant's QRIS identity, its checkout pages, and the numbers in use. */
export interface PayerCodes {
  merchantName: string;
  nmid: string;
  /** The emulator's base URL, known once it listens. */
  apiBase: () => string;
  /** Whether a QR string or account number was handed out already. */
  taken: (value: string) => boolean;
}

/** What the payer is given, per flow: a QR to scan, an account to transfer to, or the emulator's checkout page. */
export function payerAction({ method, request_amount }: CreatePaymentRequestInput, id: string, codes: PayerCodes): PaymentRequestAction {
  switch (method.flow) {
    case "qr": {
      const value = qrisString({ merchantName: codes.merchantName, amount: request_amount, reference: id.slice(3, 28), nmid: codes.nmid });
      return { type: "PRESENT_TO_CUSTOMER", descriptor: "QR_STRING", value };
    }
    case "va":
      return { type: "PRESENT_TO_CUSTOMER", descriptor: "VIRTUAL_ACCOUNT_NUMBER", value: virtualAccountNumber(method.channelCode, codes.taken) };
    default:
      return { type: "REDIRECT_CUSTOMER", descriptor: "WEB_URL", value: `${codes.apiBase()}/v3/checkout/${id}` };
  }
}

/** How a request is paid, by what its payer was given. */
export function flowOf(request: PaymentRequest): "qr" | "va" | "redirect" {
  const descriptor = request.actions[0]?.descriptor;
  return descriptor === "QR_STRING" ? "qr" : descriptor === "VIRTUAL_ACCOUNT_NUMBER" ? "va" : "redirect";
}
