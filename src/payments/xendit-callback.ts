import { z } from "zod";
import type { Charge } from "./gateway.js";
import type { CallbackRecord } from "./webhook-events.js";
import { chargeFromXendit, xenditChargeSchema } from "./xendit.js";
import { chargeFromPayment, chargeFromPaymentRequest, paymentRequestSchema, paymentSchema } from "./xendit-v3.js";

/** The e-wallet charges API's one event: a charge reached a state (SUCCEEDED, FAILED, …). */
const CAPTURE_EVENT = "ewallet.capture";
/** Payments API v3 ("webhooks v3"): a payment's status, and a payment request's own end (expiry, cancel). */
const PAYMENT_EVENTS = ["payment.capture", "payment.failure", "payment.authorization"] as const;
const REQUEST_EVENTS = ["payment_request.expiry", "payment_request.cancellation"] as const;
const HANDLED_EVENTS = new Set<string>([CAPTURE_EVENT, ...PAYMENT_EVENTS, ...REQUEST_EVENTS]);

const envelope = { business_id: z.string().optional(), created: z.string().optional() };
const captureSchema = z.object({ event: z.literal(CAPTURE_EVENT), ...envelope, data: xenditChargeSchema });
const paymentEventSchema = z.object({ event: z.enum(PAYMENT_EVENTS), ...envelope, data: paymentSchema });
const requestEventSchema = z.object({ event: z.enum(REQUEST_EVENTS), ...envelope, data: paymentRequestSchema });

const text = (max: number) => z.string().min(1).max(max).nullable().catch(null);

/** Whatever identifies a callback we do not handle, kept in its record; anything unusable is null. */
const identifiersSchema = z.object({
  event: text(100),
  data: z
    .object({ id: text(100), charge_id: text(100), payment_request_id: text(100), reference_id: text(255), status: text(50) })
    .catch({ id: null, charge_id: null, payment_request_id: null, reference_id: null, status: null }),
});

export type XenditCallback =
  | { kind: "capture"; event: string; charge: Charge }
  | { kind: "ignored"; reason: string; record: Pick<CallbackRecord, "event" | "chargeId" | "referenceId" | "status"> };

/**
 * Reads an authenticated callback body (a JSON object). Other events (refunds, …) and capture callbacks whose
 * data is not an e-wallet charge are "ignored": answered 2xx and recorded, since Xendit would retry a 4xx for
 * days without ever sending anything different.
 */
export function readXenditCallback(body: Record<string, unknown>): XenditCallback {
  const event = typeof body.event === "string" ? body.event : undefined;
  const parsed = event !== undefined && HANDLED_EVENTS.has(event) ? readHandled(body, event) : undefined;
  if (parsed?.success) return { kind: "capture", event: event!, charge: parsed.charge };
  const reason = parsed
    ? `not a payment we handle: ${parsed.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`
    : "event not handled";
  // Only what is ignored is read for its identifiers: a callback we act on is parsed once, on the hot path.
  const { event: recorded, data } = identifiersSchema.parse(body);
  // A refund's own id is not a charge id; it names its charge in charge_id (v3: payment_request_id).
  const chargeId = data.payment_request_id ?? data.charge_id ?? data.id;
  return { kind: "ignored", reason, record: { event: recorded, chargeId, referenceId: data.reference_id, status: data.status } };
}

type Read = { success: true; charge: Charge } | { success: false; issues: z.core.$ZodIssue[] };

/** A handled event's body by the API its event names; a v3 payment is reported under its payment request's id. */
function readHandled(body: Record<string, unknown>, event: string): Read {
  if (event === CAPTURE_EVENT) return read(captureSchema.safeParse(body), (data) => chargeFromXendit(data));
  if (event.startsWith("payment_request.")) return read(requestEventSchema.safeParse(body), (data) => chargeFromPaymentRequest(data));
  return read(paymentEventSchema.safeParse(body), (data) => chargeFromPayment(data));
}

function read<T>(parsed: z.ZodSafeParseResult<{ data: T }>, toCharge: (data: T) => Charge): Read {
  return parsed.success ? { success: true, charge: toCharge(parsed.data.data) } : { success: false, issues: parsed.error.issues };
}
