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

/** One POST of a callback. status is the receiver's HTTP code, or 0 when no answer came (network error, timeout). */
export interface Delivery {
  chargeId: string;
  attempt: number;
  status: number;
  at: string;
  body: CallbackBody;
  error?: string;
}

/** status stays 0 while (and if) no answer was sent: hung or dropped requests. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: string;
}

export type FaultOp = "create" | "get";

export interface FaultSpec {
  op: FaultOp;
  status?: 500 | 503 | 400 | 401 | 403 | 404;
  errorCode?: string;
  hang?: boolean;
  createThenHang?: boolean;
  /** op "get" only: answers 200 with the charge, these fields changed (a confused proxy, another charge's answer). */
  alter?: DeepPartial<Charge>;
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
}

export interface XenditEmulatorEvents {
  "charge.created": [charge: Charge];
  "charge.updated": [charge: Charge];
  callback: [charge: Charge, delivery: Delivery];
}
