import type { Logger } from "pino";
import type { Database } from "../../db/database.js";
import type { Clock } from "../clock.js";
import { openStuck } from "../operations/exception-events.js";
import { GatewayError, type Charge, type PaymentGateway } from "./gateway.js";
import type { Settlement } from "./settlement.js";
import type { Topup, TopupService } from "./topup-service.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** How long to wait before asking the gateway again when it could not be reached. */
const RECHECK_BACKOFF_MS = [15_000, 30_000, 60_000, 120_000, 300_000];

/**
 * Failed checks after which an open top-up is given up on (expired, and asked about later): a refusal (4xx: the
 * charge unknown to the gateway, our key refused) is not going away, so the merchant is freed about two minutes
 * after the push; an unreachable gateway or a wrong answer is given the whole backoff, about ten minutes.
 */
const MAX_FAILED_CHECKS = { refused: 3, unavailable: RECHECK_BACKOFF_MS.length + 1 };

/** After our own "expired" (a guess: no callback, the gateway still said PENDING), it is asked again this long after. */
const LATE_CHECKS_MS = [10 * MINUTE_MS, HOUR_MS, 24 * HOUR_MS];

/**
 * A claimed check is ours for the gateway's timeout plus this: room for the few statements around the one gateway
 * call (they take milliseconds; on PostgreSQL each is bounded by the pool's timeouts). No other instance asks about
 * the top-up meanwhile; one whose instance died is checked by another once the claim runs out.
 */
const CLAIM_MARGIN_MS = 45_000;

type CheckFailure = { failure: keyof typeof MAX_FAILED_CHECKS; code: string };

export interface PaymentChecksOptions {
  database: Database;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  settlement: Settlement;
  topups: TopupService;
  /** With no callback after this long, the gateway is asked. */
  checkAfterSeconds: number;
  /** How long one call to the gateway may take (XENDIT_TIMEOUT_MS): a claimed check must outlast it. */
  gatewayTimeoutMs: number;
}

/** The process's own look at payments whose callback did not come (~70 s), and /status's refresh. */
export class PaymentChecks {
  constructor(private readonly options: PaymentChecksOptions) {}

  /**
   * Top-ups whose callback is overdue, or that we expired and ask about again: ask the gateway, or give up on
   * ones it never acknowledged. True when the batch was full and more may be due.
   */
  async checkDue(limit = 20): Promise<boolean> {
    let failed = false;
    for (let done = 0; done < limit; done++) {
      // One at a time: a claim need only outlast one check, and a dead instance holds back one top-up at most.
      const now = this.options.clock.now();
      const topup = await this.options.database.stores.topups.claimCheck(now, new Date(now.getTime() + this.options.gatewayTimeoutMs + CLAIM_MARGIN_MS));
      if (!topup) return false;
      // A top-up whose write fails (disk full, locked) must not hold back the others; it is tried again once its
      // claim runs out.
      try {
        await (topup.status === "expired" ? this.checkExpired(topup) : this.check(topup));
      } catch (error) {
        failed = true;
        this.options.logger.error({ err: error, topupId: topup.id }, "payment check failed; will retry");
      }
    }
    return !failed;
  }

  /** /status: brings the merchant's open top-ups up to date from the gateway; returns them as they are now. */
  async refreshOpen(merchantId: number): Promise<Topup[]> {
    const open = await this.options.topups.openFor(merchantId);
    for (const topup of open) await this.check(topup, { force: true });
    return Promise.all(open.map(async (topup) => (await this.options.topups.findOwned(merchantId, topup.id))!));
  }

  private async check(topup: Topup, { force = false } = {}): Promise<void> {
    const now = this.options.clock.now();
    const checkAfter = topup.createdAt.getTime() + this.options.checkAfterSeconds * 1000;
    if (!topup.chargeId) {
      // The payer was never shown a code or push we know of, so nothing can have been paid that we could match.
      if (now.getTime() >= checkAfter) await this.expire(topup, "NO_GATEWAY_RESPONSE");
      return;
    }
    const answer = await this.ask(topup, topup.chargeId);
    if ("failure" in answer) {
      if (!force) await this.failedCheck(topup, answer);
      return;
    }
    if (answer.status === "PENDING") {
      // The OVO push lasts about 60 s: still pending after that means the merchant never tapped Bayar. A QR, an
      // account or a checkout stays payable until it expires; until then it is asked about less and less often.
      const payableUntil = topup.expiresAt?.getTime() ?? checkAfter;
      if (now.getTime() >= payableUntil) await this.expire(topup, "EXPIRED");
      else if (topup.expiresAt && !force) await this.checkLater(topup, now, payableUntil);
      return;
    }
    const outcome = await this.options.settlement.settle(answer, "check");
    // An answer that settles nothing (a voided charge, a mismatch left to an operator) keeps the top-up open:
    // ask again later, not at every tick of the loop.
    if ((outcome === "stale" || outcome === "mismatch") && !force) await this.postponeCheck(topup);
  }

  /** A late look at a top-up we expired: a success is credited; anything final, or the last look, ends them. */
  private async checkExpired(topup: Topup): Promise<void> {
    const answer = topup.chargeId ? await this.ask(topup, topup.chargeId) : undefined;
    if (answer && !("failure" in answer) && answer.status !== "PENDING") {
      await this.options.settlement.settle(answer, "check");
      await this.setCheckAt(topup, null);
      return;
    }
    const now = this.options.clock.now().getTime();
    const next = LATE_CHECKS_MS.map((ms) => topup.finalizedAt!.getTime() + ms).find((at) => at > now);
    if (next === undefined && answer) await this.giveUp(topup, "failure" in answer ? answer.code : answer.status);
    else await this.setCheckAt(topup, next === undefined ? null : new Date(next));
  }

  /**
   * The last late look found no final answer (still PENDING, or no answer at all): the payment is stuck, and an
   * operator is asked to look (`/masalah`), in the transaction that ends its checks. The key opens it once.
   */
  private async giveUp(topup: Topup, last: string): Promise<void> {
    const now = this.options.clock.now();
    const hours = Math.round((now.getTime() - topup.finalizedAt!.getTime()) / HOUR_MS);
    await this.options.database.transaction(async (stores) => {
      await stores.topups.setRecheck(topup.id, null);
      await openStuck(stores, topup.id, `no final answer from the gateway ${hours} h after expiry (last: ${last})`, now);
    });
    this.options.logger.warn({ topupId: topup.id, reference: topup.referenceId, last }, "payment stuck: checks ended without a final answer");
  }

  /** The gateway's answer about this top-up's charge; an answer about any other charge is no answer. */
  private async ask(topup: Topup, chargeId: string): Promise<Charge | CheckFailure> {
    const log = this.options.logger.child({ topupId: topup.id, reference: topup.referenceId });
    try {
      const charge = await this.options.gateway.getCharge(chargeId);
      if (charge.id === chargeId && charge.referenceId === topup.referenceId) return charge;
      log.warn({ answeredReference: charge.referenceId, sameChargeId: charge.id === chargeId }, "charge check answered for another charge; ignored");
      return { failure: "unavailable", code: "WRONG_CHARGE" };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      log.warn({ code: error.code, httpStatus: error.httpStatus }, "charge check failed");
      // By status, not by what it would mean on create: a 503 CHANNEL_UNAVAILABLE here is a gateway that is down.
      const refused = error.httpStatus !== undefined && error.httpStatus >= 400 && error.httpStatus < 500;
      return { failure: refused ? "refused" : "unavailable", code: error.code };
    }
  }

  /** Asks again after a backoff, or gives up once the failures are too many: a charge id keeps it asked about. */
  private failedCheck(topup: Topup, { failure, code }: CheckFailure): Promise<void> {
    if (topup.checkAttempts + 1 < MAX_FAILED_CHECKS[failure]) return this.postponeCheck(topup);
    this.options.logger.error({ topupId: topup.id, reference: topup.referenceId, failure, code }, "charge checks keep failing; top-up given up on");
    return this.expire(topup, code === "DATA_NOT_FOUND" ? "CHARGE_NOT_FOUND" : "STATUS_CHECK_FAILED");
  }

  private expire(topup: Topup, failureCode: string): Promise<void> {
    return this.options.settlement.expire(topup, failureCode, new Date(this.options.clock.now().getTime() + LATE_CHECKS_MS[0]!));
  }

  /** A fifth of its age, between one and thirty minutes, and no later than its expiry. */
  private checkLater(topup: Topup, now: Date, payableUntil: number): Promise<void> {
    const age = now.getTime() - topup.createdAt.getTime();
    const next = Math.min(now.getTime() + Math.min(Math.max(age / 5, MINUTE_MS), 30 * MINUTE_MS), payableUntil);
    return this.options.database.stores.topups.postponeCheck(topup.id, topup.checkAttempts, new Date(next));
  }

  private postponeCheck(topup: Topup): Promise<void> {
    const now = this.options.clock.now();
    const delay = RECHECK_BACKOFF_MS[Math.min(topup.checkAttempts, RECHECK_BACKOFF_MS.length - 1)]!;
    return this.options.database.stores.topups.postponeCheck(topup.id, topup.checkAttempts + 1, new Date(now.getTime() + delay));
  }

  private setCheckAt(topup: Topup, checkAt: Date | null): Promise<void> {
    return this.options.database.stores.topups.setRecheck(topup.id, checkAt);
  }
}
