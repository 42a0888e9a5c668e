import { setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { CallbackBody, Charge, DeepPartial, Delivery, Payment, PaymentEvent, PaymentRequest, PaymentRequestEvent, PaymentWebhookBody } from "./types.js";

export function callbackBody(charge: Charge, businessId: string, now: Date): CallbackBody {
  return { event: "ewallet.capture", business_id: businessId, created: now.toISOString(), data: structuredClone(charge) };
}

/** A v3 webhook: payment events carry the payment, payment request events the payment request. */
export function paymentWebhookBody(
  about: { event: PaymentEvent; data: Payment } | { event: PaymentRequestEvent; data: PaymentRequest },
  businessId: string,
  now: Date,
): PaymentWebhookBody {
  return { ...about, business_id: businessId, created: now.toISOString(), data: structuredClone(about.data) } as PaymentWebhookBody;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else in the patch (null and arrays included) replaces; undefined is skipped. */
export function mergeDeep<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : (patch as T);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = mergeDeep(merged[key], value);
  }
  return merged as T;
}

export interface CallbackSenderOptions {
  token: string;
  retry: { attempts: number; delayMs: number };
  timeoutMs: number;
  now: () => Date;
  onDelivery: (delivery: Delivery) => void;
}

type PostOutcome = { status: number; error?: string; timedOut: boolean };

/** Delivers callbacks the way Xendit does: non-2xx and unreachable receivers are retried, timed-out ones are not. */
export class CallbackSender {
  private readonly shutdown = new AbortController();

  constructor(private readonly options: CallbackSenderOptions) {
    // Each callback in flight listens to it: a flood of them is not a leak.
    setMaxListeners(Infinity, this.shutdown.signal);
  }

  /** Resolves with the last recorded attempt, or null if nothing was attempted before close(). */
  async send(
    url: string,
    chargeId: string,
    body: CallbackBody | PaymentWebhookBody,
    { attempts = this.options.retry.attempts, token = this.options.token }: { attempts?: number; token?: string } = {},
  ): Promise<Delivery | null> {
    const { signal } = this.shutdown;
    let last: Delivery | null = null;
    for (let attempt = 1; attempt <= attempts && !signal.aborted; attempt++) {
      if (attempt > 1) {
        try {
          await sleep(this.options.retry.delayMs, undefined, { signal });
        } catch {
          break;
        }
      }
      const outcome = await this.post(url, body, token);
      if (!outcome) break;
      last = { chargeId, attempt, status: outcome.status, at: this.options.now().toISOString(), body };
      if (outcome.error !== undefined) last.error = outcome.error;
      this.options.onDelivery(last);
      if ((outcome.status >= 200 && outcome.status < 300) || outcome.timedOut) break;
    }
    return last;
  }

  /** Aborts in-flight posts and pending retries; later sends do nothing. */
  close(): void {
    this.shutdown.abort();
  }

  private async post(url: string, body: CallbackBody | PaymentWebhookBody, token: string): Promise<PostOutcome | null> {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-callback-token": token },
        body: JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      // Only the status matters; cancelling frees the connection without waiting for a slow body.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, timedOut: false };
    } catch (error) {
      if (this.shutdown.signal.aborted) return null;
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      return { status: 0, error: describe(error), timedOut };
    }
  }
}

// fetch reports every network failure as "fetch failed"; the cause says which (ECONNREFUSED, reset…).
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
