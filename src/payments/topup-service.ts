import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Database } from "../../db/database.js";
import type { TopupRow, TopupStatus } from "../../db/rows.js";
import type { HistoryEntry, PaymentDetails, Stores } from "../../db/stores.js";
import type { Clock } from "../clock.js";
import { maskPhone } from "./phone.js";
import { GatewayError, type Charge, type PaymentGateway } from "./gateway.js";
import { methodById, methodOfChannel, unavailableFor, type MethodId, type PaymentMethod, type PaymentMethods } from "./methods.js";
import type { Settlement } from "./settlement.js";

export type Topup = TopupRow;
export type { HistoryEntry } from "../../db/stores.js";
export { OPEN_STATUSES } from "./settlement-rules.js";

const HOUR_MS = 3_600_000;
/** A cancelled code could still have been paid in the moment before: the gateway is asked about it this long after. */
const RECHECK_CANCELLED_MS = 10 * 60_000;

export type StartResult =
  | { kind: "pending"; topup: Topup }
  | { kind: "uncertain"; topup: Topup }
  | { kind: "declined"; topup: Topup; code: string }
  | { kind: "misconfigured"; topup: Topup }
  | { kind: "already_open"; topup: Topup }
  | { kind: "phone_limited" };

/**
 * cancelled: the gateway will take no payment for it; paid: the payer was quicker (credited now); final: it had
 * ended already; not_cancellable: an OVO push (it runs out by itself); unavailable: the gateway could not be asked.
 */
export type CancelResult =
  | { kind: "cancelled" | "paid" | "final" | "not_cancellable" | "unavailable"; topup: Topup }
  | { kind: "not_found" };

export interface StartRequest {
  merchantId: number;
  amount: number;
  method: MethodId;
  /** The OVO number, E.164 (push methods only). */
  phone?: string;
  /** Where a redirect checkout returns the payer (the bot's chat), HTTPS. */
  returnUrl?: string;
  /** Same key, same top-up: a replayed or repeated request never makes a second charge. */
  requestKey: string;
  /** Telegram vouched that the number is the merchant's own (their shared contact): exempt from the ceiling across merchants. */
  ownNumber?: boolean;
}

export interface TopupServiceOptions {
  database: Database;
  gateway: PaymentGateway;
  settlement: Settlement;
  methods: PaymentMethods;
  /** The name a virtual account shows in the payer's bank app. */
  displayName: string;
  clock: Clock;
  logger: Logger;
  /** When the process asks the gateway itself if no callback came. */
  checkAfterSeconds: number;
  /** Requests one merchant may send to one number per hour. */
  maxChargesPerPhonePerHour: number;
  /** Requests one number may get per hour from all merchants together, unless it is the merchant's own. */
  maxChargesPerPhonePerHourTotal: number;
}

/**
 * Starting a top-up (written before the gateway hears of it, never charged twice) and reading them back.
 * Settlement (settlement.ts) makes them final; PaymentChecks (payment-checks.ts) asks when callbacks are late.
 */
export class TopupService {
  constructor(private readonly options: TopupServiceOptions) {}

  /** The bot validates what merchants type and offers; this guards the money path against any other caller. */
  private assertValidRequest({ amount, phone, method: id, returnUrl }: StartRequest): PaymentMethod {
    if (!this.options.methods.isEnabled(id)) throw new RangeError(`payment method ${id} is not enabled`);
    const method = methodById(id);
    if (!Number.isSafeInteger(amount) || unavailableFor(method, amount)) throw new RangeError(`invalid ${id} top-up amount ${amount}`);
    if (method.flow === "push" && !/^\+628\d{7,11}$/.test(phone ?? "")) throw new RangeError("invalid OVO number");
    if (method.flow !== "push" && phone !== undefined) throw new RangeError(`${id} takes no phone number`);
    // Xendit refuses a checkout without one ("routing-payment-channels"), after our row is written: refuse it first.
    if (method.flow === "redirect" && !returnUrl?.startsWith("https://")) throw new RangeError(`${id} needs an HTTPS return URL`);
    return method;
  }

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async start(request: StartRequest): Promise<StartResult> {
    const method = this.assertValidRequest(request);
    let reserved = await this.reserve(request, method);
    // A QR or account still waiting is cancelled for the new top-up, so that it cannot be paid unnoticed later.
    if (reserved.kind === "done" && reserved.result.kind === "already_open" && (await this.cancelForNew(reserved.result.topup))) {
      reserved = await this.reserve(request, method);
    }
    if (reserved.kind !== "created") return reserved.result;
    const { topup } = reserved;
    const log = this.options.logger.child({ topupId: topup.id, reference: topup.referenceId });
    try {
      const charge = await this.options.gateway.createCharge({
        referenceId: topup.referenceId,
        amount: topup.amount,
        method,
        phone: topup.phone ?? undefined,
        merchantId: topup.merchantId,
        expiresAt: topup.expiresAt ?? undefined,
        returnUrl: request.returnUrl,
        displayName: this.options.displayName,
      });
      log.info({ method: method.id, maskedPhone: topup.phone ? maskPhone(topup.phone) : undefined, amount: topup.amount }, "charge created");
      log.debug({ chargeId: charge.id }, "charge created: id");
      return { kind: "pending", topup: await this.stores.topups.recordCharge(topup.id, charge.id, this.options.clock.now(), paymentDetails(charge)) };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      log.warn({ failure: error.failure, code: error.code, httpStatus: error.httpStatus }, "charge not created");
      if (error.failure === "uncertain") return { kind: "uncertain", topup };
      const failed = await this.finish(topup.id, "creating", { status: "failed", failureCode: error.code });
      if (error.failure === "misconfigured") return { kind: "misconfigured", topup: failed ?? topup };
      return { kind: "declined", topup: failed ?? topup, code: error.code };
    }
  }

  /**
   * Cancels the merchant's unpaid QR, account or checkout at the gateway. The gateway's answer decides: cancelled
   * (the top-up ends as "cancelled", told through the outbox), or paid after all (credited like any payment).
   */
  async cancel(merchantId: number, topupId: number): Promise<CancelResult> {
    const topup = await this.findOwned(merchantId, topupId);
    if (!topup) return { kind: "not_found" };
    if (topup.status !== "pending" && topup.status !== "creating") return { kind: "final", topup };
    if (!methodOfChannel(topup.channelCode).cancellable) return { kind: "not_cancellable", topup };
    if (!topup.chargeId) return { kind: "unavailable", topup };
    let charge: Charge;
    try {
      charge = await this.options.gateway.cancelCharge(topup.chargeId);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.options.logger.warn({ topupId, code: error.code, httpStatus: error.httpStatus }, "cancel not confirmed by the gateway");
      return { kind: "unavailable", topup };
    }
    const now = this.options.clock.now();
    if (charge.status === "SUCCEEDED") {
      await this.options.settlement.settle(charge, "check");
      return { kind: "paid", topup: (await this.get(topupId))! };
    }
    if (charge.status === "PENDING") return { kind: "unavailable", topup };
    if (charge.status !== "CANCELED") {
      // It had ended at the gateway before the cancel (failed, expired) and we had not heard: it ends as it did there.
      await this.options.settlement.settle(charge, "check");
      return { kind: "final", topup: (await this.get(topupId))! };
    }
    const cancelled = await this.options.settlement.cancelled(topup, new Date(now.getTime() + RECHECK_CANCELLED_MS));
    return cancelled ? { kind: "cancelled", topup: cancelled } : { kind: "final", topup: (await this.get(topupId))! };
  }

  /** True when the open top-up no longer blocks a new one: cancelled, or found paid or ended. */
  private async cancelForNew(open: Topup): Promise<boolean> {
    if (open.status !== "pending" || !methodOfChannel(open.channelCode).cancellable) return false;
    const result = await this.cancel(open.merchantId, open.id);
    return result.kind === "cancelled" || result.kind === "paid" || result.kind === "final";
  }

  /** Writes the top-up before the gateway hears of it, enforcing one open charge per merchant and the phone cap. */
  private reserve(request: StartRequest, method: PaymentMethod): Promise<{ kind: "created"; topup: Topup } | { kind: "done"; result: StartResult }> {
    const now = this.options.clock.now();
    return this.options.database.transaction(async (stores) => {
      const same = await stores.topups.byRequestKey(request.requestKey);
      if (same) return { kind: "done", result: replayResult(same) };
      // A top-up flagged for an operator (the gateway reported something we did not ask for) no longer blocks.
      const open = await stores.topups.openUnflagged(request.merchantId);
      if (open) return { kind: "done", result: { kind: "already_open", topup: open } };
      if (request.phone) {
        if (await this.phoneLimited(stores, request.phone, request, now)) return { kind: "done", result: { kind: "phone_limited" } };
        await stores.merchants.update(request.merchantId, { lastPhone: request.phone }, now);
      }
      const topup = await stores.topups.create({
        referenceId: newReference(now),
        requestKey: request.requestKey,
        merchantId: request.merchantId,
        amount: request.amount,
        channelCode: method.channelCode,
        phone: request.phone ?? null,
        createdAt: now,
        checkAt: new Date(now.getTime() + this.options.checkAfterSeconds * 1000),
        expiresAt: method.expiresInMinutes === null ? null : new Date(now.getTime() + method.expiresInMinutes * 60_000),
      });
      return { kind: "created", topup };
    });
  }

  /**
   * Typing a stranger's number uses up the typist's own allowance for it, not its owner's: the cap is per merchant
   * and number, with a higher ceiling per number across merchants that the owner's own shared number is exempt from.
   */
  private async phoneLimited(stores: Stores, phone: string, { merchantId, ownNumber = false }: StartRequest, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - HOUR_MS);
    if ((await stores.topups.phoneRequests(phone, since, merchantId)) >= this.options.maxChargesPerPhonePerHour) return true;
    return !ownNumber && (await stores.topups.phoneRequests(phone, since)) >= this.options.maxChargesPerPhonePerHourTotal;
  }

  private finish(id: number, from: TopupStatus, fields: { status: "failed"; failureCode: string }): Promise<Topup | undefined> {
    return this.stores.topups.finish(id, from, fields, this.options.clock.now());
  }

  /**
   * One page of History Pembayaran: the merchant's top-ups and the admins' adjustments, newest first. A page number past the end (an old ▶ button after
   * nothing changed, or crafted callback data) gives the last page; `pages` is 0 when there are none.
   */
  async history(merchantId: number, requestedPage: number, pageSize: number): Promise<{ items: HistoryEntry[]; page: number; pages: number }> {
    const total = await this.stores.history.countOf(merchantId);
    const pages = Math.ceil(total / pageSize);
    const page = Math.min(Math.max(requestedPage, 0), Math.max(pages - 1, 0));
    const items = await this.stores.history.page(merchantId, pageSize, page * pageSize);
    return { items, page, pages };
  }

  /** What "Top up lagi" repeats: the newest paid top-up, if its method is still offered. */
  async lastSucceeded(merchantId: number): Promise<Topup | undefined> {
    const last = await this.stores.topups.lastSucceeded(merchantId);
    return last && this.options.methods.isEnabled(methodOfChannel(last.channelCode).id) ? last : undefined;
  }

  /** The chat message showing a top-up's QR or account; the row as it is now, so a caller can see it ended meanwhile. */
  recordPrompt(topupId: number, messageId: number): Promise<Topup | undefined> {
    return this.stores.topups.recordPrompt(topupId, messageId);
  }

  latest(merchantId: number): Promise<Topup | undefined> {
    return this.stores.topups.latest(merchantId);
  }

  openFor(merchantId: number): Promise<Topup[]> {
    return this.stores.topups.open(merchantId);
  }

  get(topupId: number): Promise<Topup | undefined> {
    return this.stores.topups.byId(topupId);
  }

  /** Only the owner gets their top-up: ids from callback data are user input. */
  findOwned(merchantId: number, topupId: number): Promise<Topup | undefined> {
    return this.stores.topups.owned(merchantId, topupId);
  }
}

function paymentDetails({ action, expiresAt }: Charge): PaymentDetails {
  const payCode = !action ? null : action.kind === "qr" ? action.qrString : action.kind === "va" ? action.accountNumber : action.url;
  return { payCode, expiresAt: expiresAt ?? null };
}

function replayResult(topup: Topup): StartResult {
  if (topup.status === "pending" || topup.status === "succeeded") return { kind: "pending", topup };
  if (topup.status === "creating") return { kind: "uncertain", topup };
  return { kind: "declined", topup, code: topup.failureCode ?? "UNKNOWN" };
}

function newReference(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `cp-${day}-${randomBytes(6).toString("hex")}`;
}

