import { z } from "zod";
import type { Charge, ChargeStatus, CreateChargeRequest, PaymentAction, PaymentGateway } from "./gateway.js";
import { XenditHttp, type XenditOptions } from "./xendit-http.js";

/** Payments API v3 wants its version named on every call ("xendit-payments-v3.md"). */
const API_VERSION = { "api-version": "2024-11-11" };

const action = z.object({ type: z.string().max(100), descriptor: z.string().max(100), value: z.string().min(1).max(4_096) });
const captures = z.array(z.object({ capture_amount: z.number().int().nonnegative() }).loose()).nullish();

/** The fields of a v3 payment request we rely on (create, get and cancel answer one; so does payment_request.* webhooks' data). */
export const paymentRequestSchema = z.object({
  payment_request_id: z.string().min(1).max(100),
  reference_id: z.string().min(1).max(255),
  status: z.enum(["ACCEPTING_PAYMENTS", "REQUIRES_ACTION", "AUTHORIZED", "CANCELED", "EXPIRED", "SUCCEEDED", "FAILED"]),
  currency: z.string().length(3),
  request_amount: z.number().int().nonnegative(),
  channel_code: z.string().max(100).optional(),
  failure_code: z.string().max(100).nullish(),
  actions: z.array(action).nullish(),
  channel_properties: z.object({ expires_at: z.string().max(64).optional() }).loose().nullish(),
  /** **Open** in the docs: how a v3 object reports what was paid; captures[] as on Xendit's payment object. */
  captures,
});

/** The fields of a v3 payment (payment.capture, payment.failure, payment.authorization webhooks' data). */
export const paymentSchema = z.object({
  payment_id: z.string().min(1).max(100),
  payment_request_id: z.string().min(1).max(100),
  reference_id: z.string().min(1).max(255),
  status: z.enum(["SUCCEEDED", "FAILED", "AUTHORIZED", "PENDING", "REQUIRES_ACTION", "CANCELED", "EXPIRED"]),
  currency: z.string().length(3),
  request_amount: z.number().int().nonnegative(),
  channel_code: z.string().max(100).optional(),
  failure_code: z.string().max(100).nullish(),
  captures,
});

export type PaymentRequest = z.infer<typeof paymentRequestSchema>;
export type Payment = z.infer<typeof paymentSchema>;

const openStatuses = new Set(["ACCEPTING_PAYMENTS", "REQUIRES_ACTION", "AUTHORIZED", "PENDING"]);

function statusOf(status: string): ChargeStatus {
  return openStatuses.has(status) ? "PENDING" : (status as ChargeStatus);
}

/** What was paid: the captures when the gateway lists them (a transfer of another amount shows there), else the request. */
function paidAmount({ status, request_amount, captures }: Pick<PaymentRequest, "status" | "request_amount" | "captures"> | Pick<Payment, "status" | "request_amount" | "captures">): number {
  if (status !== "SUCCEEDED" || !captures?.length) return request_amount;
  return captures.reduce((sum, capture) => sum + capture.capture_amount, 0);
}

/** The one action we show, by its descriptor ("docs: show the merchant what the action says; do not guess URLs"). */
function actionOf(actions: PaymentRequest["actions"]): PaymentAction | undefined {
  for (const { descriptor, value } of actions ?? []) {
    if (descriptor === "QR_STRING") return { kind: "qr", qrString: value };
    if (descriptor === "VIRTUAL_ACCOUNT_NUMBER") return { kind: "va", accountNumber: value };
  }
  const url = actions?.find((a) => a.descriptor === "DEEPLINK_URL" || a.descriptor === "WEB_URL");
  return url && /^https?:\/\//.test(url.value) ? { kind: "redirect", url: url.value } : undefined;
}

export function chargeFromPaymentRequest(request: PaymentRequest): Charge {
  const expiresAt = request.channel_properties?.expires_at ? new Date(request.channel_properties.expires_at) : undefined;
  return {
    id: request.payment_request_id,
    referenceId: request.reference_id,
    status: statusOf(request.status),
    currency: request.currency,
    amount: paidAmount(request),
    failureCode: request.failure_code ?? (request.status === "EXPIRED" ? "EXPIRED" : null),
    action: actionOf(request.actions),
    expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : undefined,
  };
}

/** A payment is reported about its payment request: that is the id our top-up knows. */
export function chargeFromPayment(payment: Payment): Charge {
  return {
    id: payment.payment_request_id,
    referenceId: payment.reference_id,
    status: statusOf(payment.status),
    currency: payment.currency,
    amount: paidAmount(payment),
    failureCode: payment.failure_code ?? null,
  };
}

/** Xendit's Payments API v3: QRIS, virtual accounts and the redirect e-wallets (DANA, ShopeePay, LinkAja). */
export class XenditPaymentsGateway implements PaymentGateway {
  private readonly http: XenditHttp;

  constructor(options: XenditOptions) {
    this.http = new XenditHttp(options);
  }

  createCharge(request: CreateChargeRequest): Promise<Charge> {
    return this.call("POST", "/v3/payment_requests", {
      reference_id: request.referenceId,
      type: "PAY",
      country: "ID",
      currency: "IDR",
      request_amount: request.amount,
      capture_method: "AUTOMATIC",
      channel_code: request.method.channelCode,
      channel_properties: channelProperties(request),
      description: "Top up Coin Premium",
      metadata: { merchant_id: String(request.merchantId) },
    });
  }

  getCharge(chargeId: string): Promise<Charge> {
    return this.call("GET", `/v3/payment_requests/${encodeURIComponent(chargeId)}`);
  }

  cancelCharge(chargeId: string): Promise<Charge> {
    return this.call("POST", `/v3/payment_requests/${encodeURIComponent(chargeId)}/cancel`);
  }

  private async call(method: "GET" | "POST", path: string, body?: unknown): Promise<Charge> {
    return chargeFromPaymentRequest(await this.http.call(paymentRequestSchema, method, path, body, API_VERSION));
  }
}

/** Per flow, what the channel needs ("routing-payment-channels": return URLs must be HTTPS). */
function channelProperties({ method, expiresAt, returnUrl, displayName }: CreateChargeRequest): Record<string, string> {
  const expires: Record<string, string> = expiresAt ? { expires_at: expiresAt.toISOString() } : {};
  switch (method.flow) {
    case "va":
      return { ...expires, display_name: (displayName ?? "Coin Premium").slice(0, 64) };
    case "redirect":
      return { ...expires, ...(returnUrl ? { success_return_url: returnUrl, failure_return_url: returnUrl } : {}) };
    default:
      return expires;
  }
}
