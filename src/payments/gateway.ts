import type { PaymentMethod } from "./methods.js";

/**
 * What the top-up service needs from a payment gateway: one implementation per Xendit API (e-wallet charges for
 * OVO's push, Payments API v3 for the rest), behind a router that picks by method.
 * EXPIRED and CANCELED are v3's final states of an unpaid payment request; v3's open states are all PENDING here.
 */
export type ChargeStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "VOIDED" | "REFUNDED" | "EXPIRED" | "CANCELED";

export interface CreateChargeRequest {
  referenceId: string;
  amount: number;
  method: PaymentMethod;
  /** E.164, +628…: the OVO account to push to (push methods only). */
  phone?: string;
  merchantId: number;
  /** When the payer's time runs out (methods with an expiry). */
  expiresAt?: Date;
  /** Where a redirect checkout sends the payer back (HTTPS): the bot's chat. */
  returnUrl?: string;
  /** The name the payer's bank or e-wallet app shows for a virtual account. */
  displayName?: string;
}

/** What the payer is given: a QR string to render, an account number to transfer to, or a checkout to open. */
export type PaymentAction = { kind: "qr"; qrString: string } | { kind: "va"; accountNumber: string } | { kind: "redirect"; url: string };

export interface Charge {
  /** The e-wallet charge's id (ewc_…) or the v3 payment request's id (pr-…). */
  id: string;
  referenceId: string;
  status: ChargeStatus;
  currency: string;
  /** What the gateway says was captured (or charged, while pending), in whole rupiah. */
  amount: number;
  failureCode: string | null;
  /** Present on creation for methods the payer completes elsewhere (QR, VA, checkout). */
  action?: PaymentAction;
  /** When the gateway stops accepting payment, as it says. */
  expiresAt?: Date;
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
  /**
   * Stops an unpaid payment from being paid; answers the charge as it is after the call (CANCELED, or SUCCEEDED when
   * the payer was quicker). Only for cancellable methods.
   */
  cancelCharge(chargeId: string): Promise<Charge>;
}
