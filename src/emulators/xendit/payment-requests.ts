import { randomUUID } from "node:crypto";
import { mergeDeep } from "./callbacks.js";
import { InvalidTransitionError } from "./charges.js";
import type { CreatePaymentRequestInput } from "./payment-request-validation.js";
import type { Payment, PaymentRequest, PaymentRequestAction, PaymentRequestAmendment, PaymentRequestStatus } from "./types.js";

/** Still payable: a QR or account waiting for money, a checkout waiting for the payer. */
const OPEN: readonly PaymentRequestStatus[] = ["ACCEPTING_PAYMENTS", "REQUIRES_ACTION", "AUTHORIZED"];

export interface PaymentRequestStoreOptions {
  businessId: string;
  now: () => Date;
  onChange: (kind: "created" | "updated", request: PaymentRequest) => void;
}

/**
 * The live payment requests and their payments, and the only code that changes their status (every transition
 * stamps `updated` and notifies). An open request past its expires_at is EXPIRED the next time anything looks.
 */
export class PaymentRequestStore {
  private readonly records: PaymentRequest[] = [];
  /** Per payment request id, its payments in order (one per PAY request here, but a list as on Xendit's side). */
  private readonly payments = new Map<string, Payment[]>();

  constructor(private readonly options: PaymentRequestStoreOptions) {}

  create(input: CreatePaymentRequestInput, action: (id: string) => PaymentRequestAction): PaymentRequest {
    const timestamp = this.options.now().toISOString();
    const id = `pr-${randomUUID()}`;
    const request: PaymentRequest = {
      business_id: this.options.businessId,
      payment_request_id: id,
      reference_id: input.reference_id,
      type: "PAY",
      country: "ID",
      currency: "IDR",
      request_amount: input.request_amount,
      capture_method: "AUTOMATIC",
      channel_code: input.method.channelCode,
      channel_properties: input.channel_properties,
      actions: [action(id)],
      status: input.method.flow === "redirect" ? "REQUIRES_ACTION" : "ACCEPTING_PAYMENTS",
      description: input.description,
      metadata: input.metadata,
      created: timestamp,
      updated: timestamp,
    };
    this.records.push(request);
    this.options.onChange("created", request);
    return request;
  }

  hasReference(referenceId: string): boolean {
    return this.records.some((request) => request.reference_id === referenceId);
  }

  /** Whether any request was handed this action value (a QR string, an account number). */
  hasActionValue(value: string): boolean {
    return this.records.some((request) => request.actions.some((action) => action.value === value));
  }

  byId(id: string): PaymentRequest | undefined {
    return this.fresh(this.records.find((request) => request.payment_request_id === id));
  }

  /** By id, action value (QR string, account number) or reference_id; with duplicate references the newest wins. */
  find(key: string): PaymentRequest | undefined {
    return (
      this.byId(key) ??
      this.fresh(this.records.findLast((request) => request.actions.some((action) => action.value === key))) ??
      this.fresh(this.records.findLast((request) => request.reference_id === key))
    );
  }

  all(): PaymentRequest[] {
    for (const request of this.records) this.expireIfDue(request);
    return this.records;
  }

  paymentsOf(request: PaymentRequest): Payment[] {
    return this.payments.get(request.payment_request_id) ?? [];
  }

  /** The payer paid `amount` (a transfer may carry another amount than asked; the capture says what came). */
  capture(request: PaymentRequest, amount: number): Payment {
    const at = this.options.now().toISOString();
    const captures = [{ capture_id: `cpt-${randomUUID()}`, capture_amount: amount, capture_timestamp: at }];
    this.transition(request, { status: "SUCCEEDED", captures });
    return this.addPayment(request, { status: "SUCCEEDED", captures });
  }

  fail(request: PaymentRequest, failureCode: string): Payment {
    this.transition(request, { status: "FAILED", failure_code: failureCode });
    return this.addPayment(request, { status: "FAILED", failure_code: failureCode });
  }

  cancel(request: PaymentRequest): void {
    this.transition(request, { status: "CANCELED" });
  }

  expire(request: PaymentRequest, at?: Date): void {
    this.transition(request, { status: "EXPIRED" }, at);
  }

  isOpen(request: PaymentRequest): boolean {
    return OPEN.includes(request.status);
  }

  /** Rewrites the record outside the lifecycle: the gateway's books now say something else, and nobody is told. */
  amend(request: PaymentRequest, patch: PaymentRequestAmendment): void {
    Object.assign(request, mergeDeep(request, patch as Partial<PaymentRequest>), { updated: this.options.now().toISOString() });
    this.options.onChange("updated", request);
  }

  private addPayment(request: PaymentRequest, outcome: Pick<Payment, "status" | "failure_code" | "captures">): Payment {
    const at = request.updated;
    const payment: Payment = {
      payment_id: `py-${randomUUID()}`,
      business_id: request.business_id,
      payment_request_id: request.payment_request_id,
      reference_id: request.reference_id,
      type: "PAY",
      country: "ID",
      currency: request.currency,
      request_amount: request.request_amount,
      capture_method: "AUTOMATIC",
      channel_code: request.channel_code,
      ...outcome,
      metadata: request.metadata,
      created: at,
      updated: at,
    };
    this.payments.set(request.payment_request_id, [...this.paymentsOf(request), payment]);
    return payment;
  }

  private transition(request: PaymentRequest, patch: Partial<PaymentRequest>, at = this.options.now()): void {
    if (!this.isOpen(request)) throw new InvalidTransitionError(`payment request ${request.payment_request_id}`, request.status, OPEN.join(" or "));
    Object.assign(request, patch, { updated: at.toISOString() });
    this.options.onChange("updated", request);
  }

  private fresh(request: PaymentRequest | undefined): PaymentRequest | undefined {
    if (request) this.expireIfDue(request);
    return request;
  }

  // Lazy rather than timer-driven, like the charges: an injected manual clock controls expiry without sleeping.
  private expireIfDue(request: PaymentRequest): void {
    if (!this.isOpen(request)) return;
    const deadline = Date.parse(request.channel_properties.expires_at);
    if (this.options.now().getTime() >= deadline) this.expire(request, new Date(deadline));
  }
}
