/** Shapes of Xendit's e-wallet charges API as the emulator serves them (see docs/xendit-ovo.md). */

export type ChargeStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "VOIDED" | "REFUNDED";

export interface Charge {
  id: string;
  business_id: string;
  reference_id: string;
  status: ChargeStatus;
  currency: "IDR";
  charge_amount: number;
  capture_amount: number | null;
  refunded_amount: number | null;
  checkout_method: "ONE_TIME_PAYMENT";
  channel_code: "ID_OVO";
  channel_properties: { mobile_number: string };
  actions: null;
  is_redirect_required: false;
  callback_url: string | null;
  created: string;
  updated: string;
  void_status: "SUCCEEDED" | null;
  voided_at: string | null;
  capture_now: true;
  customer_id: null;
  payment_method_id: null;
  failure_code: string | null;
  basket: null;
  metadata: Record<string, unknown> | null;
}

/** What a test may rewrite in the gateway's record of a charge, to make it disagree with what we were told. */
export type ChargeAmendment = Partial<Pick<Charge, "status" | "capture_amount" | "failure_code">>;

export interface CallbackBody {
  event: "ewallet.capture";
  business_id: string;
  created: string;
  data: Charge;
}

export interface XenditErrorBody {
  error_code: string;
  message: string;
}

/**
 * One POST of a callback. status is the receiver's HTTP code, or 0 when no answer came (network error, timeout).
 * chargeId is the charge's id, or the payment request's for a v3 webhook.
 */
export interface Delivery {
  chargeId: string;
  attempt: number;
  status: number;
  at: string;
  body: CallbackBody | PaymentWebhookBody;
  error?: string;
}

/** status stays 0 while (and if) no answer was sent: hung or dropped requests. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: string;
}

/** Each op covers both APIs: "create" the next charge or payment request created, "cancel" only v3's. */
export type FaultOp = "create" | "get" | "cancel";

export interface FaultSpec {
  op: FaultOp;
  status?: 500 | 503 | 400 | 401 | 403 | 404;
  errorCode?: string;
  hang?: boolean;
  createThenHang?: boolean;
  /** op "get" only: answers 200 with the charge, these fields changed (a confused proxy, another charge's answer). */
  alter?: DeepPartial<Charge> | DeepPartial<PaymentRequest>;
  /** Answers normally, this many ms late (a slow gateway); the request is dropped if the client gives up first. */
  delayMs?: number;
  times?: number;
}

export type DuplicateReferencePolicy = "accept" | "reject";

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface XenditEmulatorOptions {
  secretKey: string;
  callbackToken: string;
  callbackUrl?: string;
  port?: number;
  host?: string;
  now?: () => Date;
  businessId?: string;
  testModeAmounts?: boolean;
  callbackRetry?: { attempts: number; delayMs: number };
  /** Xendit gives up on a receiver after 30 s and does not retry a timed-out event. */
  callbackTimeoutMs?: number;
  /**
   * A PENDING charge older than this (by `now()`) turns FAILED / USER_DID_NOT_AUTHORIZE_THE_PAYMENT, without a
   * callback, the next time anything looks at it. null disables; default 60 s, the window users get in the OVO app.
   */
  expireAfterMs?: number | null;
  /** What a QRIS code names as its merchant (tag 59, at most 25 characters): what the payer's app shows. */
  merchantName?: string;
}

export interface XenditEmulatorEvents {
  "charge.created": [charge: Charge];
  "charge.updated": [charge: Charge];
  callback: [charge: Charge, delivery: Delivery];
  "payment_request.created": [request: PaymentRequest];
  "payment_request.updated": [request: PaymentRequest];
  "payment_request.callback": [request: PaymentRequest, delivery: Delivery];
}

/* Payments API v3, as STATE11 fixes the wire format our client speaks (docs: "xendit-payments-v3.md"). */

export type PaymentRequestStatus = "ACCEPTING_PAYMENTS" | "REQUIRES_ACTION" | "AUTHORIZED" | "SUCCEEDED" | "FAILED" | "CANCELED" | "EXPIRED";

export interface PaymentRequestAction {
  type: "PRESENT_TO_CUSTOMER" | "REDIRECT_CUSTOMER";
  descriptor: "QR_STRING" | "VIRTUAL_ACCOUNT_NUMBER" | "WEB_URL" | "DEEPLINK_URL";
  value: string;
}

export interface Capture {
  capture_id: string;
  capture_amount: number;
  capture_timestamp: string;
}

/** What a payment request and each of its payments both say. */
interface PaymentRequestFields {
  business_id: string;
  payment_request_id: string;
  reference_id: string;
  type: "PAY";
  country: "ID";
  currency: "IDR";
  request_amount: number;
  capture_method: "AUTOMATIC";
  channel_code: string;
  /** Only once it failed. */
  failure_code?: string;
  /** Only once paid: what the payer paid, which for a transfer need not be what was asked. */
  captures?: Capture[];
  metadata: Record<string, unknown> | null;
  created: string;
  updated: string;
}

export interface PaymentRequest extends PaymentRequestFields {
  channel_properties: { expires_at: string } & Record<string, string>;
  actions: PaymentRequestAction[];
  status: PaymentRequestStatus;
  description: string | null;
}

/** What a test may rewrite in the gateway's record of a payment request (no webhook, no transition rules). */
export type PaymentRequestAmendment = DeepPartial<Pick<PaymentRequest, "status" | "failure_code" | "captures" | "channel_properties">>;

/** A payment of a payment request: what payment.capture and payment.failure carry. */
export interface Payment extends PaymentRequestFields {
  payment_id: string;
  status: "SUCCEEDED" | "FAILED";
}

export type PaymentEvent = "payment.capture" | "payment.failure";
export type PaymentRequestEvent = "payment_request.expiry";

export type PaymentWebhookBody =
  | { event: PaymentEvent; business_id: string; created: string; data: Payment }
  | { event: PaymentRequestEvent; business_id: string; created: string; data: PaymentRequest };
