import { randomBytes } from "node:crypto";
import type { Charge, ChargeAmendment, ChargeStatus } from "./types.js";
import type { CreateChargeInput } from "./validation.js";

/** Which code an ignored push produces is not confirmed by Xendit; this is the most plausible one. */
export const EXPIRED_FAILURE_CODE = "USER_DID_NOT_AUTHORIZE_THE_PAYMENT";

/** A payer action on a charge or payment request that its status does not allow (paying an expired one…). */
export class InvalidTransitionError extends Error {
  constructor(subject: string, status: string, expected: string) {
    super(`${subject} is ${status}, expected ${expected}`);
    this.name = "InvalidTransitionError";
  }
}

export interface ChargeStoreOptions {
  businessId: string;
  now: () => Date;
  expireAfterMs: number | null;
  onChange: (kind: "created" | "updated", charge: Charge) => void;
}

/**
 * Holds the live charge records and the only code allowed to change their status, so every transition
 * stamps `updated` and notifies listeners. Callers outside the emulator get copies, never these records.
 */
export class ChargeStore {
  private readonly records: Charge[] = [];

  constructor(private readonly options: ChargeStoreOptions) {}

  create(input: CreateChargeInput, callbackUrl: string | null): Charge {
    const timestamp = this.options.now().toISOString();
    const charge: Charge = {
      id: `ewc_${randomBytes(16).toString("hex")}`,
      business_id: this.options.businessId,
      reference_id: input.reference_id,
      status: "PENDING",
      currency: input.currency,
      charge_amount: input.amount,
      capture_amount: null,
      refunded_amount: null,
      checkout_method: "ONE_TIME_PAYMENT",
      channel_code: "ID_OVO",
      channel_properties: { mobile_number: input.mobile_number },
      actions: null,
      is_redirect_required: false,
      callback_url: callbackUrl,
      created: timestamp,
      updated: timestamp,
      void_status: null,
      voided_at: null,
      capture_now: true,
      customer_id: null,
      payment_method_id: null,
      failure_code: null,
      basket: null,
      metadata: input.metadata,
    };
    this.records.push(charge);
    this.options.onChange("created", charge);
    return charge;
  }

  hasReference(referenceId: string): boolean {
    return this.records.some((charge) => charge.reference_id === referenceId);
  }

  byId(id: string): Charge | undefined {
    return this.fresh(this.records.find((candidate) => candidate.id === id));
  }

  /** By id, else by reference_id; with duplicate references the newest wins, as a re-created top-up would. */
  find(idOrReferenceId: string): Charge | undefined {
    return (
      this.byId(idOrReferenceId) ??
      this.fresh(this.records.findLast((candidate) => candidate.reference_id === idOrReferenceId))
    );
  }

  all(): Charge[] {
    for (const charge of this.records) this.expireIfDue(charge);
    return this.records;
  }

  succeed(charge: Charge): void {
    this.transition(charge, "PENDING", { status: "SUCCEEDED", capture_amount: charge.charge_amount });
  }

  fail(charge: Charge, failureCode: string, at?: Date): void {
    this.transition(charge, "PENDING", { status: "FAILED", failure_code: failureCode }, at);
  }

  void(charge: Charge): void {
    const at = this.options.now();
    this.transition(charge, "SUCCEEDED", { status: "VOIDED", void_status: "SUCCEEDED", voided_at: at.toISOString() }, at);
  }

  /** Rewrites the record outside the lifecycle (no transition rules): the gateway's books now say something else. */
  amend(charge: Charge, patch: ChargeAmendment): void {
    Object.assign(charge, patch, { updated: this.options.now().toISOString() });
    this.options.onChange("updated", charge);
  }

  private transition(charge: Charge, from: ChargeStatus, patch: Partial<Charge>, at = this.options.now()): void {
    if (charge.status !== from) throw new InvalidTransitionError(`charge ${charge.id}`, charge.status, from);
    Object.assign(charge, patch, { updated: at.toISOString() });
    this.options.onChange("updated", charge);
  }

  private fresh(charge: Charge | undefined): Charge | undefined {
    if (charge) this.expireIfDue(charge);
    return charge;
  }

  // Lazy rather than timer-driven so an injected manual clock controls expiry without any sleeping.
  private expireIfDue(charge: Charge): void {
    const { expireAfterMs, now } = this.options;
    if (charge.status !== "PENDING" || expireAfterMs === null) return;
    const deadline = Date.parse(charge.created) + expireAfterMs;
    if (now().getTime() >= deadline) this.fail(charge, EXPIRED_FAILURE_CODE, new Date(deadline));
  }
}
