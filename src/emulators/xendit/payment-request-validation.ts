import { z } from "zod";
import { methodIds, methodById, type PaymentMethod } from "../../payments/methods.js";
import { errorReply } from "./errors.js";
import type { ParseFailure } from "./validation.js";
import { validationError } from "./validation.js";

/** The channels this merchant has activated on v3: those of our catalog that v3 serves. */
const v3Channels = new Map(
  methodIds
    .map(methodById)
    .filter((method) => method.api === "v3")
    .map((method) => [method.channelCode, method]),
);

const createSchema = z.object({
  reference_id: z.string().min(1).max(255),
  type: z.literal("PAY"),
  country: z.literal("ID"),
  currency: z.string(),
  request_amount: z.number().int().positive(),
  capture_method: z.literal("AUTOMATIC").optional(),
  channel_code: z.string().regex(/^[A-Z0-9_]{2,64}$/),
  channel_properties: z.record(z.string(), z.unknown()),
  description: z.string().max(1_000).optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

const isoDate = z.iso.datetime({ offset: true });
const httpsUrl = z.url({ protocol: /^https$/ }).max(2_000);

/** Per flow ("routing-payment-channels"): a VA names its holder, a redirect needs where to send the payer back. */
const propertiesSchemas = {
  qr: z.object({ expires_at: isoDate.optional() }),
  va: z.object({ expires_at: isoDate.optional(), display_name: z.string().min(1).max(64) }),
  redirect: z.object({ expires_at: isoDate.optional(), success_return_url: httpsUrl, failure_return_url: httpsUrl }),
} as const;

/** Without expires_at: QRIS lasts 48 h ("docs/qris"); the others a day. */
const DEFAULT_EXPIRY_MS = { qr: 48 * 3_600_000, va: 24 * 3_600_000, redirect: 24 * 3_600_000 } as const;

export interface CreatePaymentRequestInput {
  reference_id: string;
  request_amount: number;
  method: PaymentMethod;
  /** As sent, with expires_at filled in. */
  channel_properties: { expires_at: string } & Record<string, string>;
  description: string | null;
  metadata: Record<string, unknown> | null;
}

export type PaymentRequestParseResult = { ok: true; input: CreatePaymentRequestInput } | ParseFailure;

/** Shape first, then currency, then channel, amount for the channel, and the channel's properties. */
export function parseCreatePaymentRequest(body: unknown, now: Date): PaymentRequestParseResult {
  const base = createSchema.safeParse(body);
  if (!base.success) return { ok: false, reply: validationError(base.error) };
  const request = base.data;
  if (request.currency !== "IDR") {
    return { ok: false, reply: errorReply(400, "UNSUPPORTED_CURRENCY", `Currency ${request.currency} is not supported for this payment channel`) };
  }
  const method = v3Channels.get(request.channel_code);
  if (!method || method.flow === "push") {
    return { ok: false, reply: errorReply(403, "CHANNEL_NOT_ACTIVATED", `Payment channel ${request.channel_code} has not been activated`) };
  }
  if (request.request_amount < method.min || request.request_amount > method.max) {
    const message = `request_amount must be between ${method.min} and ${method.max} for ${method.channelCode}`;
    return { ok: false, reply: errorReply(400, "API_VALIDATION_ERROR", message) };
  }
  const flow = method.flow;
  const properties = propertiesSchemas[flow].safeParse(request.channel_properties);
  if (!properties.success) return { ok: false, reply: validationError(properties.error, ["channel_properties"]) };
  const expiresAt = properties.data.expires_at === undefined ? new Date(now.getTime() + DEFAULT_EXPIRY_MS[flow]) : new Date(properties.data.expires_at);
  if (expiresAt.getTime() <= now.getTime()) {
    return { ok: false, reply: errorReply(400, "API_VALIDATION_ERROR", "channel_properties.expires_at must be in the future") };
  }
  return {
    ok: true,
    input: {
      reference_id: request.reference_id,
      request_amount: request.request_amount,
      method,
      channel_properties: { ...(properties.data as Record<string, string>), expires_at: expiresAt.toISOString() },
      description: request.description ?? null,
      metadata: request.metadata ?? null,
    },
  };
}
