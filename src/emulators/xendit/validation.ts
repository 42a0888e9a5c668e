import { z } from "zod";
import { errorReply, type ApiReply } from "./errors.js";

const OVO_MOBILE = /^\+628\d{7,11}$/;
// Codes shaped like Xendit's (ID_DANA, PH_GCASH…) exist but are not activated for this merchant; anything else is junk.
const CHANNEL_CODE_SHAPE = /^[A-Z]{2}_[A-Z0-9_]+$/;

const createChargeSchema = z.object({
  reference_id: z.string().min(1).max(255),
  currency: z.string(),
  amount: z.number().int().min(100).max(20_000_000),
  checkout_method: z.literal("ONE_TIME_PAYMENT"),
  channel_code: z.string().regex(CHANNEL_CODE_SHAPE),
  channel_properties: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

const ovoPropertiesSchema = z.object({
  mobile_number: z.string().regex(OVO_MOBILE, "must be E.164 +628 followed by 7 to 11 digits"),
});

export interface CreateChargeInput {
  reference_id: string;
  currency: "IDR";
  amount: number;
  mobile_number: string;
  metadata: Record<string, unknown> | null;
}

export type ParseFailure = { ok: false; reply: ApiReply };
export type ParseResult = { ok: true; input: CreateChargeInput } | ParseFailure;

export function validationError(error: z.ZodError, pathPrefix: string[] = []): ApiReply {
  const details = error.issues
    .map((issue) => `${[...pathPrefix, ...issue.path.map(String)].join(".") || "body"}: ${issue.message}`)
    .join("; ");
  return errorReply(400, "API_VALIDATION_ERROR", `There is invalid input in one of the required request fields. ${details}`);
}

/** Checks in the order Xendit reports them: shape first, then currency, then channel, then channel properties. */
export function parseCreateCharge(body: unknown): ParseResult {
  const base = createChargeSchema.safeParse(body);
  if (!base.success) return { ok: false, reply: validationError(base.error) };
  const request = base.data;
  if (request.currency !== "IDR") {
    return {
      ok: false,
      reply: errorReply(400, "UNSUPPORTED_CURRENCY", `Currency ${request.currency} is not supported for this payment channel`),
    };
  }
  if (request.channel_code !== "ID_OVO") {
    return {
      ok: false,
      reply: errorReply(403, "CHANNEL_NOT_ACTIVATED", `Payment channel ${request.channel_code} has not been activated`),
    };
  }
  const properties = ovoPropertiesSchema.safeParse(request.channel_properties);
  if (!properties.success) return { ok: false, reply: validationError(properties.error, ["channel_properties"]) };
  return {
    ok: true,
    input: {
      reference_id: request.reference_id,
      currency: "IDR",
      amount: request.amount,
      mobile_number: properties.data.mobile_number,
      metadata: request.metadata ?? null,
    },
  };
}
