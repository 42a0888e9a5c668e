import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Database } from "../../db/database.js";
import type { TopupRow, TopupStatus } from "../../db/rows.js";
import type { HistoryEntry, Stores } from "../../db/stores.js";
import type { Clock } from "../clock.js";
import { MAX_TOPUP, MIN_TOPUP } from "./amount.js";
import { maskPhone } from "./phone.js";
import { GatewayError, type PaymentGateway } from "./gateway.js";

export type Topup = TopupRow;
export type { HistoryEntry } from "../../db/stores.js";
export { OPEN_STATUSES } from "./settlement-rules.js";

const HOUR_MS = 3_600_000;

export type StartResult =
  | { kind: "pending"; topup: Topup }
  | { kind: "uncertain"; topup: Topup }
  | { kind: "declined"; topup: Topup; code: string }
  | { kind: "misconfigured"; topup: Topup }
  | { kind: "already_open"; topup: Topup }
  | { kind: "phone_limited" };

export interface StartRequest {
  merchantId: number;
  amount: number;
  phone: string;
  /** Same key, same top-up: a replayed or repeated request never makes a second charge. */
  requestKey: string;
  /** Telegram vouched that the number is the merchant's own (their shared contact): exempt from the ceiling across merchants. */
  ownNumber?: boolean;
}

export interface TopupServiceOptions {
  database: Database;
  gateway: PaymentGateway;
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

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async start(request: StartRequest): Promise<StartResult> {
    assertValidRequest(request);
    const reserved = await this.reserve(request);
    if (reserved.kind !== "created") return reserved.result;
    const { topup } = reserved;
    const log = this.options.logger.child({ topupId: topup.id, reference: topup.referenceId });
    try {
      const charge = await this.options.gateway.createCharge({
        referenceId: topup.referenceId,
        amount: topup.amount,
        phone: topup.phone,
        merchantId: topup.merchantId,
      });
      log.info({ maskedPhone: maskPhone(topup.phone), amount: topup.amount }, "charge created");
      log.debug({ chargeId: charge.id }, "charge created: id");
      return { kind: "pending", topup: await this.stores.topups.recordCharge(topup.id, charge.id, this.options.clock.now()) };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      log.warn({ failure: error.failure, code: error.code, httpStatus: error.httpStatus }, "charge not created");
      if (error.failure === "uncertain") return { kind: "uncertain", topup };
      const failed = await this.finish(topup.id, "creating", { status: "failed", failureCode: error.code });
      if (error.failure === "misconfigured") return { kind: "misconfigured", topup: failed ?? topup };
      return { kind: "declined", topup: failed ?? topup, code: error.code };
    }
  }

  /** Writes the top-up before the gateway hears of it, enforcing one open charge per merchant and the phone cap. */
  private reserve(request: StartRequest): Promise<{ kind: "created"; topup: Topup } | { kind: "done"; result: StartResult }> {
    const now = this.options.clock.now();
    return this.options.database.transaction(async (stores) => {
      const same = await stores.topups.byRequestKey(request.requestKey);
      if (same) return { kind: "done", result: replayResult(same) };
      // A top-up flagged for an operator (the gateway reported something we did not ask for) no longer blocks.
      const open = await stores.topups.openUnflagged(request.merchantId);
      if (open) return { kind: "done", result: { kind: "already_open", topup: open } };
      if (await this.phoneLimited(stores, request, now)) return { kind: "done", result: { kind: "phone_limited" } };
      await stores.merchants.update(request.merchantId, { lastPhone: request.phone }, now);
      const topup = await stores.topups.create({
        referenceId: newReference(now),
        requestKey: request.requestKey,
        merchantId: request.merchantId,
        amount: request.amount,
        phone: request.phone,
        createdAt: now,
        checkAt: new Date(now.getTime() + this.options.checkAfterSeconds * 1000),
      });
      return { kind: "created", topup };
    });
  }

  /**
   * Typing a stranger's number uses up the typist's own allowance for it, not its owner's: the cap is per merchant
   * and number, with a higher ceiling per number across merchants that the owner's own shared number is exempt from.
   */
  private async phoneLimited(stores: Stores, { merchantId, phone, ownNumber = false }: StartRequest, now: Date): Promise<boolean> {
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

/** The bot validates what merchants type; this guards the money path against any other caller. */
function assertValidRequest({ amount, phone }: StartRequest): void {
  if (!Number.isSafeInteger(amount) || amount < MIN_TOPUP || amount > MAX_TOPUP) throw new RangeError(`invalid top-up amount ${amount}`);
  if (!/^\+628\d{7,11}$/.test(phone)) throw new RangeError("invalid OVO number");
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

