import { z } from "zod";
import type { Charge, CreateChargeRequest, PaymentGateway } from "./gateway.js";
import { GatewayError } from "./gateway.js";
import { XenditHttp, type XenditOptions } from "./xendit-http.js";

export type { XenditOptions } from "./xendit-http.js";

/** The fields of Xendit's e-wallet charge object we rely on; shared by API responses and callbacks. */
export const xenditChargeSchema = z.object({
  id: z.string().min(1).max(100),
  reference_id: z.string().min(1).max(255),
  status: z.enum(["PENDING", "SUCCEEDED", "FAILED", "VOIDED", "REFUNDED"]),
  currency: z.string().min(3).max(3),
  charge_amount: z.number().int().nonnegative(),
  capture_amount: z.number().int().nonnegative().nullish(),
  channel_code: z.string().optional(),
  failure_code: z.string().max(100).nullish(),
});

export type XenditCharge = z.infer<typeof xenditChargeSchema>;

export function chargeFromXendit(charge: XenditCharge): Charge {
  return {
    id: charge.id,
    referenceId: charge.reference_id,
    status: charge.status,
    currency: charge.currency,
    amount: charge.status === "SUCCEEDED" ? (charge.capture_amount ?? charge.charge_amount) : charge.charge_amount,
    failureCode: charge.failure_code ?? null,
  };
}

/** Xendit's e-wallet charges API: OVO's push (the merchant approves "Konfirmasi Pembayaran" in the OVO app). */
export class XenditGateway implements PaymentGateway {
  private readonly http: XenditHttp;

  constructor(options: XenditOptions) {
    this.http = new XenditHttp(options);
  }

  async createCharge(request: CreateChargeRequest): Promise<Charge> {
    if (!request.phone) throw new RangeError("an OVO charge needs the OVO number");
    return this.call("POST", "/ewallets/charges", {
      reference_id: request.referenceId,
      currency: "IDR",
      amount: request.amount,
      checkout_method: "ONE_TIME_PAYMENT",
      channel_code: request.method.channelCode,
      channel_properties: { mobile_number: request.phone },
      metadata: { merchant_id: String(request.merchantId) },
    });
  }

  async getCharge(chargeId: string): Promise<Charge> {
    return this.call("GET", `/ewallets/charges/${encodeURIComponent(chargeId)}`);
  }

  /** A push cannot be withdrawn: it runs out by itself in about a minute. */
  cancelCharge(): Promise<Charge> {
    return Promise.reject(new GatewayError("declined", "NOT_CANCELLABLE"));
  }

  private async call(method: "GET" | "POST", path: string, body?: unknown): Promise<Charge> {
    return chargeFromXendit(await this.http.call(xenditChargeSchema, method, path, body));
  }
}
