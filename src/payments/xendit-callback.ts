import { z } from "zod";
import type { Charge } from "./gateway.js";
import type { CallbackRecord } from "./webhook-events.js";
import { chargeFromXendit, xenditChargeSchema } from "./xendit.js";

/** The one event we act on: an e-wallet charge reached a state (SUCCEEDED, FAILED, …). */
const CAPTURE_EVENT = "ewallet.capture";

const captureSchema = z.object({
  event: z.literal(CAPTURE_EVENT),
  business_id: z.string().optional(),
  created: z.string().optional(),
  data: xenditChargeSchema,
});

const text = (max: number) => z.string().min(1).max(max).nullable().catch(null);

/** Whatever identifies a callback we do not handle, kept in its record; anything unusable is null. */
const identifiersSchema = z.object({
  event: text(100),
  data: z
    .object({ id: text(100), charge_id: text(100), reference_id: text(255), status: text(50) })
    .catch({ id: null, charge_id: null, reference_id: null, status: null }),
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
  const capture = captureSchema.safeParse(body);
  if (capture.success) return { kind: "capture", event: CAPTURE_EVENT, charge: chargeFromXendit(capture.data.data) };
  const { event, data } = identifiersSchema.parse(body);
  const reason =
    event !== CAPTURE_EVENT
      ? "event not handled"
      : `not an e-wallet charge: ${capture.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")}`;
  // A refund's own id is not a charge id; it names its charge in charge_id.
  return { kind: "ignored", reason, record: { event, chargeId: data.charge_id ?? data.id, referenceId: data.reference_id, status: data.status } };
}
