import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Server } from "node:http";
import { CallbackSender, callbackBody, mergeDeep, paymentWebhookBody } from "./callbacks.js";
import { ChargeStore, EXPIRED_FAILURE_CODE, InvalidTransitionError } from "./charges.js";
import { errorReply, type ApiReply } from "./errors.js";
import { FaultQueue, HungRequests } from "./faults.js";
import type { CreatePaymentRequestInput } from "./payment-request-validation.js";
import { PaymentRequestStore } from "./payment-requests.js";
import { flowOf, payerAction, type PayerCodes } from "./payer-codes.js";
import { DEFAULT_MERCHANT_NAME, newNmid } from "./qris.js";
import { createApi, startServer, stopServer, type ChargesBackend, type CheckoutOutcome } from "./server.js";
import { TEST_MODE_SETTLE_DELAY_MS, testModeOutcome } from "./test-mode.js";
import type {
  CallbackBody,
  Charge,
  ChargeAmendment,
  DeepPartial,
  Delivery,
  DuplicateReferencePolicy,
  FaultSpec,
  Payment,
  PaymentEvent,
  PaymentRequest,
  PaymentRequestAmendment,
  PaymentRequestEvent,
  PaymentWebhookBody,
  RequestLogEntry,
  XenditEmulatorEvents,
  XenditEmulatorOptions,
} from "./types.js";
import type { CreateChargeInput } from "./validation.js";

const DEFAULT_RETRY = { attempts: 6, delayMs: 200 };
const DEFAULT_CALLBACK_TIMEOUT_MS = 30_000;
const DEFAULT_EXPIRE_AFTER_MS = 60_000;

export interface SendCallbackOptions {
  overrides?: DeepPartial<CallbackBody>;
  /** A wrong token forges the callback. */
  token?: string;
}

export interface SendPaymentCallbackOptions {
  /**
   * Default: what the request's state calls for (SUCCEEDED: payment.capture, FAILED: payment.failure, EXPIRED:
   * payment_request.expiry). payment_request.expiry for a request in another state reports it EXPIRED, as an
   * expiry delivered after the fact would.
   */
  event?: PaymentEvent | PaymentRequestEvent;
  overrides?: DeepPartial<PaymentWebhookBody>;
  /** A wrong token forges the webhook. */
  token?: string;
}

/** `callback: false` is a webhook that never came, so only a status check can learn of it. */
export interface PayerOptions {
  callback?: boolean;
}

/**
 * Xendit's OVO charges API plus the OVO app's side of it (pay, reject, expire) and the faults
 * that matter to our client. Everything handed out is a copy, so tests cannot change state behind its back.
 */
export class XenditEmulator extends EventEmitter<XenditEmulatorEvents> {
  readonly businessId: string;
  /** Every callback POST, retries included, in order. */
  readonly deliveries: Delivery[] = [];
  readonly requests: RequestLogEntry[] = [];
  /** Xendit's handling of a repeated reference_id is unconfirmed; "accept" lets tests prove we never send one. */
  duplicateReferencePolicy: DuplicateReferencePolicy = "accept";

  private callbackUrl: string | null;
  private readonly now: () => Date;
  private readonly testModeAmounts: boolean;
  private readonly store: ChargeStore;
  private readonly requestStore: PaymentRequestStore;
  private readonly codes: PayerCodes;
  private readonly sender: CallbackSender;
  private readonly faults = new FaultQueue();
  private readonly hung = new HungRequests();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private base = "";
  private closing: Promise<void> | undefined;

  static async start(options: XenditEmulatorOptions): Promise<XenditEmulator> {
    const emulator = new XenditEmulator(options);
    const app = createApi({
      secretKey: options.secretKey,
      backend: emulator.backend(),
      faults: emulator.faults,
      hung: emulator.hung,
      requests: emulator.requests,
      now: emulator.now,
    });
    const { server, apiBase } = await startServer(app, options.port ?? 0, options.host ?? "127.0.0.1");
    emulator.server = server;
    emulator.base = apiBase;
    return emulator;
  }

  private constructor(options: XenditEmulatorOptions) {
    super();
    this.now = options.now ?? (() => new Date());
    this.businessId = options.businessId ?? randomBytes(12).toString("hex");
    this.callbackUrl = options.callbackUrl ?? null;
    this.testModeAmounts = options.testModeAmounts ?? false;
    this.store = new ChargeStore({
      businessId: this.businessId,
      now: this.now,
      expireAfterMs: options.expireAfterMs === undefined ? DEFAULT_EXPIRE_AFTER_MS : options.expireAfterMs,
      onChange: (kind, charge) => this.emit(kind === "created" ? "charge.created" : "charge.updated", structuredClone(charge)),
    });
    this.codes = {
      merchantName: options.merchantName ?? DEFAULT_MERCHANT_NAME,
      nmid: newNmid(),
      apiBase: () => this.base,
      taken: (value) => this.requestStore.hasActionValue(value),
    };
    this.requestStore = new PaymentRequestStore({
      businessId: this.businessId,
      now: this.now,
      onChange: (kind, request) => this.emit(kind === "created" ? "payment_request.created" : "payment_request.updated", structuredClone(request)),
    });
    this.sender = new CallbackSender({
      token: options.callbackToken,
      retry: options.callbackRetry ?? DEFAULT_RETRY,
      timeoutMs: options.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS,
      now: this.now,
      onDelivery: (delivery) => this.recordDelivery(delivery),
    });
  }

  /** e.g. "http://127.0.0.1:41234"; the client calls `${apiBase}/ewallets/charges` and `${apiBase}/v3/payment_requests`. */
  get apiBase(): string {
    return this.base;
  }

  setCallbackUrl(url: string | null): void {
    this.callbackUrl = url;
  }

  charges(): Charge[] {
    return structuredClone(this.store.all());
  }

  charge(idOrReferenceId: string): Charge | undefined {
    const charge = this.store.find(idOrReferenceId);
    return charge && structuredClone(charge);
  }

  /**
   * The user tapped Bayar. Resolves with the last callback attempt (null without a callback URL, or with
   * `callback: false`: a callback that never came, so only a status check can learn of the payment).
   */
  async pay(idOrReferenceId: string, { callback = true }: { callback?: boolean } = {}): Promise<Delivery | null> {
    const charge = this.mustFind(idOrReferenceId);
    this.store.succeed(charge);
    return callback ? this.notify(charge) : null;
  }

  /** The user tapped Tolak, or the wallet refused the payment for `failureCode`. */
  async reject(idOrReferenceId: string, failureCode = "USER_DECLINED_PAYMENT"): Promise<Delivery | null> {
    const charge = this.mustFind(idOrReferenceId);
    this.store.fail(charge, failureCode);
    return this.notify(charge);
  }

  /** The push was ignored. Whether Xendit sends a callback for that is unconfirmed, hence opt-in. */
  async expire(idOrReferenceId: string, { callback = false }: { callback?: boolean } = {}): Promise<Delivery | null> {
    const charge = this.mustFind(idOrReferenceId);
    this.store.fail(charge, EXPIRED_FAILURE_CODE);
    return callback ? this.notify(charge) : null;
  }

  /**
   * Xendit's books change without a word to us (no callback): a paid charge captured for another amount, voided or
   * refunded, a failed one paid after all. What reconciliation exists to find; a GET then answers the new state.
   */
  amend(idOrReferenceId: string, patch: ChargeAmendment): Charge {
    const charge = this.mustFind(idOrReferenceId);
    this.store.amend(charge, patch);
    return structuredClone(charge);
  }

  /**
   * One callback POST for the charge's current state, optionally altered or signed with another token: for
   * duplicate, out-of-order and forged deliveries. Not retried, so the receiver's answer is what comes back.
   */
  async sendCallback(idOrReferenceId: string, { overrides, token }: SendCallbackOptions = {}): Promise<Delivery> {
    const charge = this.mustFind(idOrReferenceId);
    if (this.callbackUrl === null) throw new Error("sendCallback needs a callback URL: pass callbackUrl or call setCallbackUrl()");
    const delivery = await this.notify(charge, { overrides, token, attempts: 1 });
    if (!delivery) throw new Error("the emulator is closed");
    return delivery;
  }

  paymentRequests(): PaymentRequest[] {
    return structuredClone(this.requestStore.all());
  }

  /** By payment request id, QR string, account number or reference_id (the newest with that reference). */
  paymentRequest(key: string): PaymentRequest | undefined {
    const request = this.requestStore.find(key);
    return request && structuredClone(request);
  }

  /** The payments made on a payment request (what payment.capture and payment.failure carried). */
  paymentsOf(key: string): Payment[] {
    return structuredClone(this.requestStore.paymentsOf(this.mustFindRequest(key)));
  }

  /** The payer scanned the QR and paid it in their bank or e-wallet app. */
  async payQr(qrStringOrId: string, options: PayerOptions = {}): Promise<Delivery | null> {
    const request = this.mustFindRequest(qrStringOrId, "qr");
    return this.reported(request, this.capture(request, request.request_amount), options);
  }

  /**
   * The payer transferred to the account. Another amount than asked is accepted, as a bank transfer would be:
   * the capture carries what was paid, and the receiver has to notice.
   */
  async payVa(accountNumber: string, amount?: number, options: PayerOptions = {}): Promise<Delivery | null> {
    const request = this.mustFindRequest(accountNumber, "va");
    return this.reported(request, this.capture(request, amount ?? request.request_amount), options);
  }

  /** The payer tapped Bayar on the e-wallet's checkout. */
  async approveCheckout(id: string, options: PayerOptions = {}): Promise<Delivery | null> {
    const request = this.mustFindRequest(id, "redirect");
    return this.reported(request, this.capture(request, request.request_amount), options);
  }

  /** The payer tapped Batal on the checkout (or the e-wallet refused them). */
  async declineCheckout(id: string, failureCode = "USER_DID_NOT_AUTHORIZE", options: PayerOptions = {}): Promise<Delivery | null> {
    const request = this.mustFindRequest(id, "redirect");
    return this.reported(request, this.requestStore.fail(request, failureCode), options);
  }

  /** The channel failed the payment for `failureCode`; payment.failure is sent. */
  async failPaymentRequest(key: string, failureCode: string, options: PayerOptions = {}): Promise<Delivery | null> {
    const request = this.mustFindRequest(key);
    return this.reported(request, this.requestStore.fail(request, failureCode), options);
  }

  /** Its time ran out now (before its expires_at: Xendit's clock, or a channel's cut-off); payment_request.expiry is sent. */
  async expirePaymentRequest(key: string, { callback = true }: PayerOptions = {}): Promise<Delivery | null> {
    const request = this.mustFindRequest(key);
    this.requestStore.expire(request);
    return callback ? this.notifyPayment({ event: "payment_request.expiry", data: request }, request.payment_request_id) : null;
  }

  /**
   * Xendit's books change without a word to us: a request captured for another amount, paid after all, or still
   * payable longer than it said. What reconciliation and the status checks must find; a GET answers the new state.
   */
  amendPaymentRequest(key: string, patch: PaymentRequestAmendment): PaymentRequest {
    const request = this.mustFindRequest(key);
    this.requestStore.amend(request, patch);
    return structuredClone(request);
  }

  /**
   * One v3 webhook POST for the request, optionally another event, altered, or signed with another token: for
   * duplicate, out-of-order and forged deliveries. Not retried, so the receiver's answer is what comes back.
   */
  async sendPaymentCallback(key: string, { event, overrides, token }: SendPaymentCallbackOptions = {}): Promise<Delivery> {
    const request = this.mustFindRequest(key);
    if (this.callbackUrl === null) throw new Error("sendPaymentCallback needs a callback URL: pass callbackUrl or call setCallbackUrl()");
    const about = this.webhookAbout(request, event);
    const delivery = await this.notifyPayment(about, request.payment_request_id, { overrides, token, attempts: 1 });
    if (!delivery) throw new Error("the emulator is closed");
    return delivery;
  }

  injectFault(spec: FaultSpec): void {
    this.faults.inject(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Hung requests end with a dropped connection, as a lost response would. */
  releaseHung(): void {
    this.hung.releaseAll();
  }

  /** Stops timers and callback retries, drops hung and idle connections. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.sender.close();
    this.hung.releaseAll();
    if (this.server) await stopServer(this.server);
  }

  private backend(): ChargesBackend {
    return {
      createCharge: (input) => this.createCharge(input),
      getCharge: (id) => {
        const charge = this.store.byId(id);
        return charge ? { status: 200, body: structuredClone(charge) } : notFound(id);
      },
      voidCharge: (id) => {
        const charge = this.store.byId(id);
        if (!charge) return notFound(id);
        if (charge.status !== "SUCCEEDED") {
          return errorReply(400, "API_VALIDATION_ERROR", `Charge is ${charge.status}; only SUCCEEDED charges can be voided`);
        }
        this.store.void(charge);
        return { status: 200, body: structuredClone(charge) };
      },
      createPaymentRequest: (input) => this.createPaymentRequest(input),
      getPaymentRequest: (id) => {
        const request = this.requestStore.byId(id);
        return request ? { status: 200, body: structuredClone(request) } : requestNotFound(id);
      },
      cancelPaymentRequest: (id) => {
        const request = this.requestStore.byId(id);
        if (!request) return requestNotFound(id);
        // A request that ended already (paid, expired) is answered as it is: the caller learns what happened.
        if (this.requestStore.isOpen(request)) this.requestStore.cancel(request);
        return { status: 200, body: structuredClone(request) };
      },
      checkout: (id) => {
        const request = this.requestStore.byId(id);
        return request && this.hasCheckout(request) ? structuredClone(request) : undefined;
      },
      decideCheckout: (id, decision) => this.decideCheckout(id, decision),
    };
  }

  private createCharge(input: CreateChargeInput): ApiReply {
    const outcome = this.testModeAmounts ? testModeOutcome(input.amount) : undefined;
    if (outcome?.kind === "createError") return errorReply(outcome.status, outcome.errorCode, outcome.message);
    if (this.duplicateReferencePolicy === "reject" && this.store.hasReference(input.reference_id)) {
      return errorReply(400, "DUPLICATE_ERROR", `A charge with reference_id ${input.reference_id} already exists`);
    }
    const charge = this.store.create(input, this.callbackUrl);
    if (outcome) {
      this.later(() => (outcome.kind === "fail" ? this.reject(charge.id, outcome.failureCode) : this.pay(charge.id)));
    }
    return { status: 202, body: structuredClone(charge) };
  }

  private createPaymentRequest(input: CreatePaymentRequestInput): ApiReply {
    if (this.duplicateReferencePolicy === "reject" && this.requestStore.hasReference(input.reference_id)) {
      return errorReply(400, "DUPLICATE_ERROR", `A payment request with reference_id ${input.reference_id} already exists`);
    }
    const request = this.requestStore.create(input, (id) => payerAction(input, id, this.codes));
    return { status: 201, body: structuredClone(request) };
  }

  private hasCheckout(request: PaymentRequest): boolean {
    return flowOf(request) === "redirect";
  }

  /** The checkout page's Bayar / Batal: answered once the state changed; the webhook goes out meanwhile. */
  private decideCheckout(id: string, decision: "approve" | "decline"): CheckoutOutcome {
    const request = this.requestStore.byId(id);
    if (!request || !this.hasCheckout(request)) return { ok: false, message: "Checkout tidak ditemukan" };
    let payment: Payment;
    try {
      payment = decision === "approve" ? this.capture(request, request.request_amount) : this.requestStore.fail(request, "USER_DID_NOT_AUTHORIZE");
    } catch (error) {
      if (!(error instanceof InvalidTransitionError)) throw error;
      return { ok: false, message: `Pembayaran ini sudah ${request.status}` };
    }
    // The payer's page does not wait for our receiver, nor for its retries.
    this.reported(request, payment, {}).catch(() => undefined);
    return { ok: true, request: structuredClone(request) };
  }

  private capture(request: PaymentRequest, amount: number): Payment {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`a payment of ${amount} is not a payment`);
    return this.requestStore.capture(request, amount);
  }

  /** The webhook for a payment just made (payment.capture or payment.failure), unless the test wants it lost. */
  private async reported(request: PaymentRequest, payment: Payment, { callback = true }: PayerOptions): Promise<Delivery | null> {
    if (!callback) return null;
    const event = payment.status === "SUCCEEDED" ? "payment.capture" : "payment.failure";
    return this.notifyPayment({ event, data: payment }, request.payment_request_id);
  }

  /** The webhook `event` would report about the request now; without `event`, the one its state calls for. */
  private webhookAbout(request: PaymentRequest, event?: PaymentEvent | PaymentRequestEvent): Parameters<typeof paymentWebhookBody>[0] {
    const chosen = event ?? ({ SUCCEEDED: "payment.capture", FAILED: "payment.failure", EXPIRED: "payment_request.expiry" } as const)[request.status as "SUCCEEDED"];
    if (chosen === undefined) throw new Error(`payment request ${request.payment_request_id} is ${request.status}: no webhook reports that`);
    if (chosen === "payment_request.expiry") return { event: chosen, data: { ...request, status: "EXPIRED" } };
    const status = chosen === "payment.capture" ? "SUCCEEDED" : "FAILED";
    const payment = this.requestStore.paymentsOf(request).findLast((candidate) => candidate.status === status);
    if (!payment) throw new Error(`payment request ${request.payment_request_id} has no ${status} payment for ${chosen}`);
    return { event: chosen, data: payment };
  }

  private async notifyPayment(
    about: Parameters<typeof paymentWebhookBody>[0],
    requestId: string,
    { overrides, token, attempts }: Omit<SendPaymentCallbackOptions, "event"> & { attempts?: number } = {},
  ): Promise<Delivery | null> {
    if (this.callbackUrl === null) return null;
    const body = mergeDeep<PaymentWebhookBody>(paymentWebhookBody(about, this.businessId, this.now()), overrides);
    return this.sender.send(this.callbackUrl, requestId, body, { token, attempts });
  }

  /** `flow`: the payer action must fit the request (a QR is not paid by transfer). */
  private mustFindRequest(key: string, flow?: "qr" | "va" | "redirect"): PaymentRequest {
    const request = this.requestStore.find(key);
    if (!request) throw new Error(`no payment request with id, payment code or reference_id ${key}`);
    if (flow !== undefined && flowOf(request) !== flow) throw new Error(`payment request ${request.payment_request_id} is a ${request.channel_code} one, not ${flow}`);
    return request;
  }

  private later(settle: () => Promise<unknown>): void {
    if (this.closing) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      settle().catch((error: unknown) => {
        // A test may have settled the charge by hand in the meantime; that is not an error.
        if (!(error instanceof InvalidTransitionError)) throw error;
      });
    }, TEST_MODE_SETTLE_DELAY_MS);
    this.timers.add(timer);
  }

  private async notify(
    charge: Charge,
    { overrides, token, attempts }: SendCallbackOptions & { attempts?: number } = {},
  ): Promise<Delivery | null> {
    if (this.callbackUrl === null) return null;
    const body = mergeDeep<CallbackBody>(callbackBody(charge, this.businessId, this.now()), overrides);
    return this.sender.send(this.callbackUrl, charge.id, body, { token, attempts });
  }

  private recordDelivery(delivery: Delivery): void {
    this.deliveries.push(delivery);
    const charge = this.store.byId(delivery.chargeId);
    if (charge) this.emit("callback", structuredClone(charge), delivery);
    const request = charge ? undefined : this.requestStore.byId(delivery.chargeId);
    if (request) this.emit("payment_request.callback", structuredClone(request), delivery);
  }

  private mustFind(idOrReferenceId: string): Charge {
    const charge = this.store.find(idOrReferenceId);
    if (!charge) throw new Error(`no charge with id or reference_id ${idOrReferenceId}`);
    return charge;
  }
}

function notFound(id: string): ApiReply {
  return errorReply(404, "DATA_NOT_FOUND", `Charge ${id} not found`);
}

function requestNotFound(id: string): ApiReply {
  return errorReply(404, "DATA_NOT_FOUND", `Payment request ${id} not found`);
}

export function createXenditEmulator(options: XenditEmulatorOptions): Promise<XenditEmulator> {
  return XenditEmulator.start(options);
}
