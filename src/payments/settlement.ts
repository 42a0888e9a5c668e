import type { Logger } from "pino";
import type { Database, TopupState } from "../../db/database.js";
import type { TopupRow } from "../../db/rows.js";
import type { Stores } from "../../db/stores.js";
import type { Clock } from "../clock.js";
import type { InvoiceDraft, InvoiceService } from "../invoices/invoice-service.js";
import type { CallbackRepeats } from "./callback-repeats.js";
import { announceTopup } from "../notifications/outbox.js";
import { closeSettled, openFlagged } from "../operations/exception-events.js";
import type { Charge, PaymentGateway } from "./gateway.js";
import { creditTopup } from "./ledger.js";
import { decide, needsConfirmation, outcomeOf, repeatOutcome, type Decision, type Report, type SettleOutcome } from "./settlement-rules.js";

export type { SettleOutcome } from "./settlement-rules.js";

/** How many credited top-ups' states are kept in memory for judging repeats (a few hundred bytes each). */
const REMEMBERED_CREDITS = 10_000;

export interface SettlementOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Where callbacks that repeat one already applied are counted. */
  repeats: CallbackRepeats;
  /** Asked to confirm a success we cannot match by charge id (see confirmationFor). */
  gateway: PaymentGateway;
  /** Called after a transaction that enqueued a notification, so the dispatcher sends it now. */
  onNotify?: () => void;
  /** The invoice of each credit: drafted with it, numbered together with the transaction's others before its commit. */
  invoices: Pick<InvoiceService, "draft" | "issue">;
}

/** A payment to credit: the gateway's charge id and what it captured; `late` when we had expired the top-up. */
export interface Payment {
  chargeId: string;
  amount: number;
  late: boolean;
}

/**
 * Where a top-up becomes final: what the gateway reports (callback or our own check) is decided by the
 * settlement rules (settlement-rules.ts) and applied idempotently, a payment is credited exactly once, and every
 * change is announced through the outbox in its transaction.
 */
export class Settlement {
  constructor(private readonly options: SettlementOptions) {}

  /** Applies what the gateway reports about a charge (callback or our own check), idempotently. */
  async settle(charge: Charge, source: "callback" | "check", rawBody?: string): Promise<SettleOutcome> {
    const now = this.options.clock.now();
    const outcome = await this.options.database.transaction(async (stores) => {
      const drafts: InvoiceDraft[] = [];
      const applied = await this.apply(stores, { charge, source, rawBody }, now, drafts);
      await this.options.invoices.issue(stores, drafts);
      return applied;
    });
    this.afterSettled([{ charge, source }], [outcome]);
    return outcome;
  }

  /**
   * A callback, settled together with the callbacks that arrive at the same moment: one transaction and one
   * commit for all of them, each in a savepoint of its own so that one failing leaves the others applied.
   * Resolves once the outcome is committed; rejects (the callback is answered 5xx and sent again) when it could
   * not be, or when a success that needs the gateway's confirmation could not get it. A callback repeating one
   * already applied takes none of this: it is answered from a committed read and only counted (CallbackRepeats).
   */
  async settleCallback(charge: Charge, body: () => string, event: string): Promise<SettleOutcome> {
    const topup = this.credited.get(charge.referenceId) ?? (await this.stateOf(charge.referenceId));
    const repeat = topup && repeatOutcome(topup, charge);
    if (repeat) return this.repeated(charge, body, event, repeat);
    // The callback token is the only proof a callback is Xendit's. A success for a top-up whose charge id we never
    // learned (the create call timed out) cannot be matched by id, so the gateway is asked about it first.
    const confirmation = topup && needsConfirmation(topup, charge) ? await this.options.gateway.getCharge(charge.id) : undefined;
    return new Promise((resolve, reject) => {
      this.callbacks.push({ charge, rawBody: body(), event, confirmation, resolve, reject });
      if (this.callbacks.length === 1 && !this.settling) setImmediate(() => void this.settleWaitingCallbacks());
    });
  }

  /**
   * Credited top-ups as last read, by reference. "succeeded" is final, so this memory can never be wrong, only
   * incomplete: a storm of repeats of one payment is judged without reading the row each time. Bounded: oldest out.
   */
  private readonly credited = new Map<string, TopupState>();

  private async stateOf(referenceId: string): Promise<TopupState | undefined> {
    const state = await this.options.database.committed.topupState(referenceId);
    if (state?.status === "succeeded") {
      if (this.credited.size >= REMEMBERED_CREDITS) this.credited.delete(this.credited.keys().next().value!);
      this.credited.set(referenceId, state);
    }
    return state;
  }

  /** A callback the top-up has already taken in: counted, and logged at info only while its body is kept. */
  private async repeated(charge: Charge, body: () => string, event: string, outcome: "duplicate" | "stale"): Promise<SettleOutcome> {
    const { id: chargeId, referenceId, status } = charge;
    const kept = await this.options.repeats.record({ event, chargeId, referenceId, status, outcome, body });
    this.options.logger[kept ? "info" : "debug"]({ reference: referenceId, source: "callback", status, outcome }, "gateway report repeated");
    return outcome;
  }

  private readonly callbacks: {
    charge: Charge;
    rawBody: string;
    event: string;
    confirmation?: Charge;
    resolve: (outcome: SettleOutcome) => void;
    reject: (error: unknown) => void;
  }[] = [];

  /**
   * One batch at a time per instance: the callbacks arriving meanwhile wait and go together in the next. Every
   * credit of a month waits for its invoice counter (on PostgreSQL across instances too), so batches running side
   * by side would only queue there, each holding a connection; one at a time, each takes the counter once for many.
   */
  private settling = false;

  private async settleWaitingCallbacks(): Promise<void> {
    this.settling = true;
    try {
      while (this.callbacks.length > 0) await this.settleBatch(this.callbacks.splice(0));
    } finally {
      this.settling = false;
    }
  }

  private async settleBatch(batch: Settlement["callbacks"]): Promise<void> {
    const now = this.options.clock.now();
    let results: (SettleOutcome | { error: unknown })[];
    try {
      results = await this.options.database.transaction(async (stores) => {
        await stores.topups.lockForSettlement(batch.map((item) => item.charge.referenceId));
        const settled: (SettleOutcome | { error: unknown })[] = [];
        const drafts: InvoiceDraft[] = [];
        for (const item of batch) {
          // A callback's invoice joins the batch's only once its savepoint is released.
          const own: InvoiceDraft[] = [];
          const outcome = await stores.savepoint((savepoint) => this.apply(savepoint, { ...item, source: "callback" }, now, own)).catch((error: unknown) => ({ error }));
          if (typeof outcome === "string") drafts.push(...own);
          settled.push(outcome);
        }
        await this.options.invoices.issue(stores, drafts);
        return settled;
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const settled = batch.map((item) => ({ charge: item.charge, source: "callback" as const }));
    this.afterSettled(
      settled,
      results.map((result) => (typeof result === "string" ? result : undefined)),
    );
    batch.forEach((item, index) => {
      const result = results[index]!;
      if (typeof result === "string") item.resolve(result);
      else item.reject(result.error);
    });
  }

  private async apply(stores: Stores, report: Report, now: Date, drafts: InvoiceDraft[]): Promise<SettleOutcome> {
    const { charge } = report;
    const topup = await stores.topups.byReference(charge.referenceId);
    const result = topup ? await this.carryOut(stores, topup, decide(topup, report), now, drafts) : "unknown";
    if (report.source === "callback") {
      const { id: chargeId, referenceId, status } = charge;
      await stores.webhookEvents.record(
        { event: report.event ?? null, chargeId, referenceId, status, outcome: result, body: report.rawBody ?? JSON.stringify(charge) },
        now,
      );
    }
    return result;
  }

  /** Applies a decision with the transaction's stores: the top-up, its ledger row, invoice and outbox row together. */
  private async carryOut(stores: Stores, topup: TopupRow, decision: Decision, now: Date, drafts: InvoiceDraft[]): Promise<SettleOutcome> {
    switch (decision.kind) {
      case "unconfirmed":
        // Looked up before the transaction; a top-up needing it then needs it now (a charge id, once set, stays).
        throw new Error(`success for ${topup.referenceId} left unconfirmed`);
      case "credit":
        await this.credit(stores, topup, { chargeId: decision.chargeId, amount: topup.amount, late: decision.late }, now, drafts);
        break;
      case "fail": {
        const failed = await stores.topups.markFailed(topup.id, decision, now);
        await announceTopup(stores, failed, "failed", {}, now);
        await closeSettled(stores, topup.id, "failed", now);
        break;
      }
      case "mark_pending":
        await stores.topups.markPending(topup.id, decision.chargeId, now);
        break;
      case "expire": {
        // Final at the gateway: nothing to ask about later. A capture that still comes is credited as late.
        const expired = await stores.topups.expire(topup.id, decision.failureCode, null, now);
        if (expired) await announceTopup(stores, expired, "expired", {}, now);
        break;
      }
      case "flag":
        await stores.topups.flag(topup.id, decision.reason, now);
        await openFlagged(stores, topup.id, decision.reason, now);
        break;
    }
    return outcomeOf(decision);
  }

  /**
   * The one crediting path, for the gateway's word and an operator's resolution alike: the top-up paid, its ledger
   * row (unique per top-up: a second credit fails and rolls the transaction back), the invoice, the merchant's
   * notice, and the exceptions the payment makes moot closed. Call it with the stores of the transaction. The
   * invoice is numbered at once, or, given `later`, drafted into it for the caller to issue before its commit.
   */
  async credit(stores: Stores, topup: TopupRow, payment: Payment, now: Date, later?: InvoiceDraft[]): Promise<{ paid: TopupRow; balanceAfter: number }> {
    const paid = await stores.topups.markPaid(topup, payment.chargeId, now);
    const balanceAfter = await creditTopup(stores, { merchantId: topup.merchantId, amount: payment.amount, topupId: topup.id, at: now });
    const merchant = await stores.merchants.byId(topup.merchantId);
    const draft = this.options.invoices.draft(paid, merchant, balanceAfter, payment.amount);
    if (later) later.push(draft);
    else await this.options.invoices.issue(stores, [draft]);
    // The notice names the amount credited only when it is not the one asked for (an operator's resolution).
    const amount = payment.amount === topup.amount ? {} : { amount: payment.amount };
    await announceTopup(stores, paid, "succeeded", { balanceAfter, late: payment.late, ...amount }, now, merchant);
    await closeSettled(stores, topup.id, "credited", now);
    return { paid, balanceAfter };
  }

  /** After the commit: one log line per report, and the dispatcher woken once for whatever was announced. */
  private afterSettled(reports: { charge: Charge; source: "callback" | "check" }[], outcomes: (SettleOutcome | undefined)[]): void {
    reports.forEach(({ charge, source }, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) return; // it failed: the caller's error handler logs it
      // No child logger per report: this runs for every callback, and bound fields cost a serialisation each.
      const { logger } = this.options;
      const about = { reference: charge.referenceId, source, status: charge.status };
      // An operator needs the charge id to look into an anomaly; anything else keeps it to debug.
      if (outcome === "mismatch") logger.error({ ...about, chargeId: charge.id, amount: charge.amount }, "gateway report mismatch");
      // Our top-up row is committed before every create: a reference we never created is not our charge.
      else if (outcome === "unknown") logger.warn({ ...about, chargeId: charge.id }, "gateway report for a reference we never created: ignored");
      else logger.info({ ...about, outcome }, "gateway report applied");
      logger.debug({ reference: charge.referenceId, chargeId: charge.id }, "gateway report charge");
    });
    if (outcomes.some((o) => o === "credited" || o === "failed" || o === "expired")) this.options.onNotify?.();
  }

  /**
   * The gateway confirmed our cancel of an unpaid top-up: it ends as expired with CANCELLED, and the merchant's
   * old QR or account message is replaced (the outbox's "cancelled"). Asked about once more at `recheckAt`, in
   * case it was paid in the moment before. Undefined when it had ended meanwhile.
   */
  cancelled(topup: TopupRow, recheckAt: Date): Promise<TopupRow | undefined> {
    return this.end(topup, "CANCELLED", recheckAt, "cancelled");
  }

  /**
   * Gives up on a top-up the gateway never confirmed (no answer, the OVO push ran out, the check kept failing):
   * the merchant is told. Our "expired" is a guess, so one with a charge id is asked about again at `recheckAt`;
   * it stays expired meanwhile, and a success found then is credited like a late callback.
   */
  async expire(topup: TopupRow, failureCode: string, recheckAt: Date): Promise<void> {
    await this.end(topup, failureCode, recheckAt, "expired");
  }

  /** Ends an open top-up as expired and announces it, in one transaction; undefined when it had moved on. */
  private async end(topup: TopupRow, failureCode: string, recheckAt: Date, event: "expired" | "cancelled"): Promise<TopupRow | undefined> {
    const now = this.options.clock.now();
    const ended = await this.options.database.transaction(async (stores) => {
      const row = await stores.topups.expire(topup.id, failureCode, recheckAt, now);
      if (row) await announceTopup(stores, row, event, {}, now);
      return row;
    });
    if (ended) {
      this.options.logger.info({ topupId: topup.id, failureCode }, `top-up ${event}`);
      this.options.onNotify?.();
    }
    return ended;
  }
}
