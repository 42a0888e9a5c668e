/** What the top-up service needs from a payment gateway; Xendit is the one implementation today. */
export type ChargeStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "VOIDED" | "REFUNDED";

export interface CreateChargeRequest {
  referenceId: string;
  amount: number;
  /** E.164, +628… */
  phone: string;
  merchantId: number;
}

export interface Charge {
  id: string;
  referenceId: string;
  status: ChargeStatus;
  currency: string;
  /** What the gateway says was captured (or charged, while pending), in whole rupiah. */
  amount: number;
  failureCode: string | null;
}

/**
 * `uncertain`: timeout, network failure or 5xx — the charge may exist, so the caller must not retry blindly.
 * `declined`: the gateway refused before creating anything (channel down, bad number).
 * `misconfigured`: our credentials or account setup are wrong; an operator must act.
 */
export type GatewayFailure = "uncertain" | "declined" | "misconfigured";

export class GatewayError extends Error {
  override name = "GatewayError";
  constructor(
    readonly failure: GatewayFailure,
    readonly code: string,
    readonly httpStatus?: number,
  ) {
    super(`gateway ${failure}: ${code}${httpStatus ? ` (HTTP ${httpStatus})` : ""}`);
  }
}

export interface PaymentGateway {
  createCharge(request: CreateChargeRequest): Promise<Charge>;
  getCharge(chargeId: string): Promise<Charge>;
}
