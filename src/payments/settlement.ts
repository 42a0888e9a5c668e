import { and, eq, inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { IMMEDIATE, type Db, type Tx } from "../../db/sqlite/client.js";
import { preparedPerDb } from "../../db/sqlite/prepared.js";
import { merchants, topups } from "../../db/sqlite/schema.js";
import type { Clock } from "../clock.js";
import { enqueue } from "../notifications/outbox.js";
import type { Charge, PaymentGateway } from "./gateway.js";
import { creditTopup } from "./ledger.js";
import { OPEN_STATUSES, type Topup } from "./topup-service.js";
import { recordCallback } from "./webhook-events.js";

/** One gateway report; `confirmation` is the gateway's own answer about a callback's charge, when one was needed. */
interface Report {
  charge: Charge;
  source: "callback" | "check";
  rawBody?: string;
  event?: string;
  confirmation?: Charge;
}

/** A success we can match by charge id is the gateway's word; one for a top-up with no charge id yet is not. */
function needsConfirmation(topup: Topup, charge: Charge): boolean {
  return charge.status === "SUCCEEDED" && topup.chargeId === null && topup.status !== "succeeded";
}

/** What became of one gateway report (callback or our own check). */
export type SettleOutcome = "credited" | "failed" | "expired" | "pending" | "duplicate" | "stale" | "mismatch" | "unknown";

/** The queries of a payment callback, prepared once: they run on every confirmation. */
const queries = preparedPerDb((db) => ({
  byReference: db.select().from(topups).where(eq(topups.referenceId, sql.placeholder("referenceId"))).prepare(),
  markPaid: db
    .update(topups)
    // Placeholders in SET are not encoded by drizzle: the time goes in as epoch milliseconds, as stored.
    .set({
      status: "succeeded",
      chargeId: sql`${sql.placeholder("chargeId")}`,
      paidAt: sql`${sql.placeholder("nowMs")}`,
      finalizedAt: sql`${sql.placeholder("nowMs")}`,
      updatedAt: sql`${sql.placeholder("nowMs")}`,
      checkAt: null,
    })
    .where(eq(topups.id, sql.placeholder("id")))
    .returning()
    .prepare(),
  chatOf: db.select({ chatId: merchants.chatId }).from(merchants).where(eq(merchants.id, sql.placeholder("merchantId"))).prepare(),
}));

export interface SettlementOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Asked to confirm a success we cannot match by charge id (see confirmationFor). */
  gateway: PaymentGateway;
  /** Called after a transaction that enqueued a notification, so the dispatcher sends it now. */
  onNotify?: () => void;
  /** Runs inside the crediting transaction (issues the invoice). */
  onCredited?: (topup: Topup, balanceAfter: number) => void;
}

/**
 * Where a top-up becomes final: what the gateway reports (callback or our own check) is applied idempotently,
 * a payment is credited exactly once, and every change is announced through the outbox in its transaction.
 */
export class Settlement {
  constructor(private readonly options: SettlementOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  /** Applies what the gateway reports about a charge (callback or our own check), idempotently. */
  settle(charge: Charge, source: "callback" | "check", rawBody?: string): SettleOutcome {
    const now = this.options.clock.now();
    const outcome = this.db.transaction((tx) => this.apply(tx, { charge, source, rawBody }, now), IMMEDIATE);
    this.afterSettled([{ charge, source }], [outcome]);
    return outcome;
  }

  /**
   * A callback, settled together with the callbacks that arrive at the same moment: one transaction and one
   * commit for all of them, each in a savepoint of its own so that one failing leaves the others applied.
   * Resolves once the outcome is committed; rejects (the callback is answered 5xx and sent again) when it could
   * not be, or when a success that needs the gateway's confirmation could not get it.
   */
  async settleCallback(charge: Charge, rawBody: string, event: string): Promise<SettleOutcome> {
    const confirmation = await this.confirmationFor(charge);
    return new Promise((resolve, reject) => {
      this.callbacks.push({ charge, rawBody, event, confirmation, resolve, reject });
      if (this.callbacks.length === 1) setImmediate(() => this.settleWaitingCallbacks());
    });
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
   * The callback token is the only proof a callback is Xendit's. A success for a top-up whose charge id we never
   * learned (the create call timed out) cannot be matched by id, so the gateway is asked about it first.
   */
  private async confirmationFor(charge: Charge): Promise<Charge | undefined> {
    const topup = queries(this.db).byReference.get({ referenceId: charge.referenceId });
    if (!topup || !needsConfirmation(topup, charge)) return undefined;
    return this.options.gateway.getCharge(charge.id);
  }

  private settleWaitingCallbacks(): void {
    const batch = this.callbacks.splice(0);
    const now = this.options.clock.now();
    let results: (SettleOutcome | { error: unknown })[];
    try {
      results = this.db.transaction(
        (tx) =>
          batch.map((item) => {
            try {
              return tx.transaction((savepoint) => this.apply(savepoint, { ...item, source: "callback" }, now));
            } catch (error) {
              return { error };
            }
          }),
        IMMEDIATE,
      );
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

  private apply(tx: Tx, report: Report, now: Date): SettleOutcome {
    const { charge } = report;
    const q = queries(this.db);
    const topup = q.byReference.get({ referenceId: charge.referenceId });
    const result = topup ? this.settleReport(tx, topup, report, now) : "unknown";
    if (report.source === "callback") {
      const { id: chargeId, referenceId, status } = charge;
      recordCallback(this.db, { event: report.event ?? null, chargeId, referenceId, status, outcome: result, body: report.rawBody ?? JSON.stringify(charge) }, now);
    }
    return result;
  }

  private settleReport(tx: Tx, topup: Topup, { charge, source, confirmation }: Report, now: Date): SettleOutcome {
    if (source === "check" || !needsConfirmation(topup, charge)) return this.settleTopup(tx, topup, charge, now);
    // Looked up before the transaction; a top-up needing it then needs it now (a charge id, once set, stays).
    if (!confirmation) throw new Error(`success for ${topup.referenceId} left unconfirmed`);
    const same = confirmation.id === charge.id && confirmation.referenceId === topup.referenceId;
    if (!same || confirmation.status !== "SUCCEEDED") {
      return this.flag(tx, topup, `SUCCEEDED callback not confirmed by the gateway (${same ? confirmation.status : "another charge"})`, now);
    }
    return this.settleTopup(tx, topup, confirmation, now);
  }

  /** After the commit: one log line per report, and the dispatcher woken once for whatever was announced. */
  private afterSettled(reports: { charge: Charge; source: "callback" | "check" }[], outcomes: (SettleOutcome | undefined)[]): void {
    reports.forEach(({ charge, source }, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) return; // it failed: the caller's error handler logs it
      const log = this.options.logger.child({ reference: charge.referenceId, source });
      // An operator needs the charge id to look into an anomaly; anything else keeps it to debug.
      if (outcome === "mismatch") log.error({ chargeId: charge.id, status: charge.status, amount: charge.amount }, "gateway report mismatch");
      // Our top-up row is committed before every create: a reference we never created is not our charge.
      else if (outcome === "unknown") log.warn({ chargeId: charge.id, status: charge.status }, "gateway report for a reference we never created: ignored");
      else log.info({ status: charge.status, outcome }, "gateway report applied");
      log.debug({ chargeId: charge.id }, "gateway report charge");
    });
    if (outcomes.some((o) => o === "credited" || o === "failed" || o === "expired")) this.options.onNotify?.();
  }

  private settleTopup(tx: Tx, topup: Topup, charge: Charge, now: Date): SettleOutcome {
    if (topup.chargeId && topup.chargeId !== charge.id) return this.flag(tx, topup, `charge id ${charge.id} differs`, now);
    switch (charge.status) {
      case "SUCCEEDED":
        return this.settleSucceeded(tx, topup, charge, now);
      case "FAILED":
        return this.settleFailed(tx, topup, charge.failureCode ?? "UNKNOWN", charge.id, now);
      case "PENDING":
        if (topup.status !== "creating") return "stale";
        tx.update(topups).set({ status: "pending", chargeId: charge.id, updatedAt: now }).where(eq(topups.id, topup.id)).run();
        return "pending";
      default:
        // Voided or refunded before we credited it: the money went back, so the top-up failed. After a credit,
        // reversing it is an operator's decision (Xendit's dashboard); nothing here takes Coin Premium back.
        return this.settleFailed(tx, topup, charge.status, charge.id, now);
    }
  }

  private settleSucceeded(tx: Tx, topup: Topup, charge: Charge, now: Date): SettleOutcome {
    if (topup.status === "succeeded") return "duplicate";
    if (charge.currency !== topup.currency || charge.amount !== topup.amount) {
      return this.flag(tx, topup, `paid ${charge.currency} ${charge.amount}, expected ${topup.currency} ${topup.amount}`, now);
    }
    // A gateway failure is final; our own "expired" was only a guess, and money that arrived late is credited.
    if (topup.status === "failed") return this.flag(tx, topup, "SUCCEEDED after FAILED", now);
    const paid = queries(this.db).markPaid.get({ id: topup.id, chargeId: charge.id, nowMs: now.getTime() });
    const balanceAfter = creditTopup(this.db, { merchantId: topup.merchantId, amount: topup.amount, topupId: topup.id, at: now });
    this.options.onCredited?.(paid, balanceAfter);
    this.notify(paid, "succeeded", { balanceAfter, late: topup.status === "expired" }, now);
    return "credited";
  }

  private settleFailed(tx: Tx, topup: Topup, failureCode: string, chargeId: string | null, now: Date): SettleOutcome {
    if (!OPEN_STATUSES.includes(topup.status)) return "stale";
    const failed = tx
      .update(topups)
      .set({ status: "failed", failureCode, chargeId: chargeId ?? topup.chargeId, finalizedAt: now, updatedAt: now, checkAt: null })
      .where(eq(topups.id, topup.id))
      .returning()
      .get();
    this.notify(failed, "failed", {}, now);
    return "failed";
  }

  private flag(tx: Tx, topup: Topup, reason: string, now: Date): SettleOutcome {
    tx.update(topups).set({ flag: reason, updatedAt: now }).where(eq(topups.id, topup.id)).run();
    return "mismatch";
  }

  private notify(topup: Topup, event: "succeeded" | "failed" | "expired", extra: Record<string, unknown>, now: Date): void {
    const merchant = queries(this.db).chatOf.get({ merchantId: topup.merchantId });
    if (!merchant) return;
    enqueue(
      this.db,
      {
        dedupeKey: `topup:${topup.id}:${event}`,
        chatId: merchant.chatId,
        kind: `topup.${event}`,
        payload: { topupId: topup.id, ...extra },
      },
      now,
    );
  }

  /**
   * Gives up on a top-up the gateway never confirmed (no answer, the OVO push ran out, the check kept failing):
   * the merchant is told. Our "expired" is a guess, so one with a charge id is asked about again at `recheckAt`;
   * it stays expired meanwhile, and a success found then is credited like a late callback.
   */
  expire(topup: Topup, failureCode: string, recheckAt: Date): void {
    const now = this.options.clock.now();
    const expired = this.db.transaction((tx) => {
      const row = tx
        .update(topups)
        .set({
          status: "expired",
          failureCode,
          finalizedAt: now,
          updatedAt: now,
          checkAt: sql`case when ${topups.chargeId} is null then null else ${recheckAt.getTime()} end`,
        })
        .where(and(eq(topups.id, topup.id), inArray(topups.status, OPEN_STATUSES)))
        .returning()
        .get();
      if (row) this.notify(row, "expired", {}, now);
      return row;
    });
    if (expired) {
      this.options.logger.info({ topupId: topup.id, failureCode }, "top-up expired");
      this.options.onNotify?.();
    }
  }
}
