import { z } from "zod";
import type { Charge, CreateChargeRequest, PaymentGateway } from "./gateway.js";
import { GatewayError } from "./gateway.js";

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

const errorBody = z.object({ error_code: z.string() }).partial();

/** Errors on create that prove no charge was made, and which of them are ours to fix. */
const misconfiguredCodes = new Set(["INVALID_API_KEY", "REQUEST_FORBIDDEN_ERROR", "CALLBACK_URL_NOT_FOUND", "CHANNEL_NOT_ACTIVATED"]);

export interface XenditOptions {
  apiBase: string;
  secretKey: string;
  timeoutMs: number;
}

export class XenditGateway implements PaymentGateway {
  private readonly authorization: string;

  constructor(private readonly options: XenditOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString("base64")}`;
  }

  async createCharge(request: CreateChargeRequest): Promise<Charge> {
    return this.call("POST", "/ewallets/charges", {
      reference_id: request.referenceId,
      currency: "IDR",
      amount: request.amount,
      checkout_method: "ONE_TIME_PAYMENT",
      channel_code: "ID_OVO",
      channel_properties: { mobile_number: request.phone },
      metadata: { merchant_id: String(request.merchantId) },
    });
  }

  async getCharge(chargeId: string): Promise<Charge> {
    return this.call("GET", `/ewallets/charges/${encodeURIComponent(chargeId)}`);
  }

  private async call(method: "GET" | "POST", path: string, body?: unknown): Promise<Charge> {
    let response: Response;
    try {
      response = await fetch(`${this.options.apiBase}${path}`, {
        method,
        headers: { authorization: this.authorization, "content-type": "application/json", accept: "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const code = error instanceof Error && error.name === "TimeoutError" ? "TIMEOUT" : "NETWORK_ERROR";
      throw new GatewayError("uncertain", code);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const parsed = xenditChargeSchema.safeParse(json);
      if (!parsed.success) throw new GatewayError("uncertain", "INVALID_RESPONSE", response.status);
      return chargeFromXendit(parsed.data);
    }
    throw this.toError(response.status, errorBody.safeParse(json).data?.error_code ?? `HTTP_${response.status}`);
  }

  private toError(status: number, code: string): GatewayError {
    if (code === "CHANNEL_UNAVAILABLE") return new GatewayError("declined", code, status);
    if (status >= 500) return new GatewayError("uncertain", code, status);
    if (status === 401 || misconfiguredCodes.has(code)) return new GatewayError("misconfigured", code, status);
    return new GatewayError("declined", code, status);
  }
}
