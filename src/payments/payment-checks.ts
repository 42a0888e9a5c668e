import { and, eq, inArray, lte } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { topups } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { GatewayError, type Charge, type PaymentGateway } from "./gateway.js";
import type { Settlement } from "./settlement.js";
import { OPEN_STATUSES, type Topup, type TopupService } from "./topup-service.js";

/** How long to wait before asking the gateway again when it could not be reached. */
const RECHECK_BACKOFF_MS = [15_000, 30_000, 60_000, 120_000, 300_000];

export interface PaymentChecksOptions {
  db: Db;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  settlement: Settlement;
  topups: TopupService;
  /** With no callback after this long, the gateway is asked. */
  checkAfterSeconds: number;
}

/** The process's own look at payments whose callback did not come (~70 s), and /status's refresh. */
export class PaymentChecks {
  constructor(private readonly options: PaymentChecksOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  /**
   * Top-ups whose callback is overdue: ask the gateway, or give up on ones it never acknowledged.
   * True when the batch was full and more may be due.
   */
  async checkDue(limit = 20): Promise<boolean> {
    const now = this.options.clock.now();
    const due = this.db
      .select()
      .from(topups)
      .where(and(inArray(topups.status, OPEN_STATUSES), lte(topups.checkAt, now)))
      .orderBy(topups.checkAt)
      .limit(limit)
      .all();
    let failed = false;
    for (const topup of due) {
      // A top-up whose write fails (disk full, locked) must not hold back the others; the next pass tries it again.
      try {
        await this.check(topup);
      } catch (error) {
        failed = true;
        this.options.logger.error({ err: error, topupId: topup.id }, "payment check failed; will retry");
      }
    }
    return due.length === limit && !failed;
  }

  /** /status: brings the merchant's open top-ups up to date from the gateway; returns them as they are now. */
  async refreshOpen(merchantId: number): Promise<Topup[]> {
    const open = this.options.topups.openFor(merchantId);
    for (const topup of open) await this.check(topup, { force: true });
    return open.map((topup) => this.options.topups.findOwned(merchantId, topup.id)!);
  }


  private async check(topup: Topup, { force = false } = {}): Promise<void> {
    const now = this.options.clock.now();
    const overdue = now.getTime() >= topup.createdAt.getTime() + this.options.checkAfterSeconds * 1000;
    if (!topup.chargeId) {
      if (overdue) this.options.settlement.expire(topup, "NO_GATEWAY_RESPONSE");
      return;
    }
    let charge: Charge;
    try {
      charge = await this.options.gateway.getCharge(topup.chargeId);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.options.logger.warn({ topupId: topup.id, code: error.code }, "charge check failed; will retry");
      if (!force) this.postponeCheck(topup);
      return;
    }
    if (charge.status === "PENDING") {
      // The OVO push lasts about 60 s: still pending after that means the merchant never tapped Bayar.
      if (overdue) this.options.settlement.expire(topup, "EXPIRED");
      return;
    }
    const outcome = this.options.settlement.settle(charge, "check");
    // An answer that settles nothing (a voided charge, a mismatch left to an operator) keeps the top-up open:
    // ask again later, not at every tick of the loop.
    if ((outcome === "stale" || outcome === "mismatch") && !force) this.postponeCheck(topup);
  }

  private postponeCheck(topup: Topup): void {
    const now = this.options.clock.now();
    const delay = RECHECK_BACKOFF_MS[Math.min(topup.checkAttempts, RECHECK_BACKOFF_MS.length - 1)]!;
    this.db
      .update(topups)
      .set({ checkAttempts: topup.checkAttempts + 1, checkAt: new Date(now.getTime() + delay) })
      .where(eq(topups.id, topup.id))
      .run();
  }
}
