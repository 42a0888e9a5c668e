import { randomBytes } from "node:crypto";
import { and, count, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db, Tx } from "../../db/client.js";
import { preparedPerDb } from "../../db/prepared.js";
import { merchants, topups, webhookEvents, type TopupStatus } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { enqueue } from "../notifications/outbox.js";
import { MAX_TOPUP, MIN_TOPUP } from "./amount.js";
import { maskPhone } from "./phone.js";
import { GatewayError, type Charge, type PaymentGateway } from "./gateway.js";
import { creditTopup } from "./ledger.js";

export type Topup = typeof topups.$inferSelect;

export const OPEN_STATUSES: TopupStatus[] = ["creating", "pending"];
const HOUR_MS = 3_600_000;

/** The queries of a payment callback, prepared once: they run on every confirmation. */
const queries = preparedPerDb((db) => ({
  byReference: db.select().from(topups).where(eq(topups.referenceId, sql.placeholder("referenceId"))).prepare(),
  byId: db.select().from(topups).where(eq(topups.id, sql.placeholder("id"))).prepare(),
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
  recordCallback: db
    .insert(webhookEvents)
    .values({
      receivedAt: sql.placeholder("receivedAt"),
      chargeId: sql.placeholder("chargeId"),
      referenceId: sql.placeholder("referenceId"),
      status: sql.placeholder("status"),
      outcome: sql.placeholder("outcome"),
      body: sql.placeholder("body"),
    })
    .prepare(),
}));
/** Take the write lock up front: read-then-write transactions must not fail upgrading a read lock. */
const IMMEDIATE = { behavior: "immediate" } as const;
/** How long to wait before asking the gateway again when it could not be reached. */
const RECHECK_BACKOFF_MS = [15_000, 30_000, 60_000, 120_000, 300_000];

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
}

/** What became of one gateway report (callback or our own check). */
export type SettleOutcome = "credited" | "failed" | "expired" | "pending" | "duplicate" | "stale" | "mismatch" | "unknown";

export interface TopupServiceOptions {
  db: Db;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  checkAfterSeconds: number;
  maxChargesPerPhonePerHour: number;
  /** Called after a transaction that enqueued a notification, so the dispatcher sends it now. */
  onNotify?: () => void;
  /** Runs inside the crediting transaction (issues the invoice). */
  onCredited?: (topup: Topup, balanceAfter: number) => void;
}

/** The top-up lifecycle: create the charge, settle it from callbacks or checks, and credit exactly once. */
export class TopupService {
  constructor(private readonly options: TopupServiceOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  async start(request: StartRequest): Promise<StartResult> {
    assertValidRequest(request);
    const reserved = this.reserve(request);
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
      log.info({ chargeId: charge.id, maskedPhone: maskPhone(topup.phone), amount: topup.amount }, "charge created");
      return { kind: "pending", topup: this.recordCharge(topup, charge) };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      log.warn({ failure: error.failure, code: error.code, httpStatus: error.httpStatus }, "charge not created");
      if (error.failure === "uncertain") return { kind: "uncertain", topup };
      const failed = this.finish(topup.id, "creating", { status: "failed", failureCode: error.code });
      if (error.failure === "misconfigured") return { kind: "misconfigured", topup: failed ?? topup };
      return { kind: "declined", topup: failed ?? topup, code: error.code };
    }
  }

  /** Writes the top-up before the gateway hears of it, enforcing one open charge per merchant and the phone cap. */
  private reserve(request: StartRequest): { kind: "created"; topup: Topup } | { kind: "done"; result: StartResult } {
    const now = this.options.clock.now();
    return this.db.transaction((tx) => {
      const same = tx.select().from(topups).where(eq(topups.requestKey, request.requestKey)).get();
      if (same) return { kind: "done", result: replayResult(same) };
      const open = tx
        .select()
        .from(topups)
        .where(and(eq(topups.merchantId, request.merchantId), inArray(topups.status, OPEN_STATUSES)))
        .get();
      if (open) return { kind: "done", result: { kind: "already_open", topup: open } };
      const recent = tx
        .select({ id: topups.id })
        .from(topups)
        .where(and(eq(topups.phone, request.phone), gte(topups.createdAt, new Date(now.getTime() - HOUR_MS))))
        .all();
      if (recent.length >= this.options.maxChargesPerPhonePerHour) return { kind: "done", result: { kind: "phone_limited" } };
      tx.update(merchants).set({ lastPhone: request.phone }).where(eq(merchants.id, request.merchantId)).run();
      const topup = tx
        .insert(topups)
        .values({
          referenceId: newReference(now),
          requestKey: request.requestKey,
          merchantId: request.merchantId,
          amount: request.amount,
          phone: request.phone,
          status: "creating",
          createdAt: now,
          updatedAt: now,
          checkAt: new Date(now.getTime() + this.options.checkAfterSeconds * 1000),
        })
        .returning()
        .get();
      return { kind: "created", topup };
    }, IMMEDIATE);
  }

  private recordCharge(topup: Topup, charge: Charge): Topup {
    const now = this.options.clock.now();
    return this.db.transaction((tx) => {
      // A callback may have beaten the response and settled the top-up already; keep what it did.
      tx.update(topups)
        .set({ chargeId: charge.id, updatedAt: now })
        .where(and(eq(topups.id, topup.id), isNull(topups.chargeId)))
        .run();
      tx.update(topups)
        .set({ status: "pending", updatedAt: now })
        .where(and(eq(topups.id, topup.id), eq(topups.status, "creating")))
        .run();
      return tx.select().from(topups).where(eq(topups.id, topup.id)).get()!;
    });
  }

  private finish(id: number, from: TopupStatus, fields: { status: TopupStatus; failureCode: string }): Topup | undefined {
    const now = this.options.clock.now();
    return this.db
      .update(topups)
      .set({ ...fields, finalizedAt: now, updatedAt: now, checkAt: null })
      .where(and(eq(topups.id, id), eq(topups.status, from)))
      .returning()
      .get();
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
   * Resolves once the outcome is committed.
   */
  settleCallback(charge: Charge, rawBody: string): Promise<SettleOutcome> {
    return new Promise((resolve, reject) => {
      this.callbacks.push({ charge, rawBody, resolve, reject });
      if (this.callbacks.length === 1) setImmediate(() => this.settleWaitingCallbacks());
    });
  }

  private readonly callbacks: {
    charge: Charge;
    rawBody: string;
    resolve: (outcome: SettleOutcome) => void;
    reject: (error: unknown) => void;
  }[] = [];

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
      results.map((result) => (typeof result === "string" ? result : "unknown")),
    );
    batch.forEach((item, index) => {
      const result = results[index]!;
      if (typeof result === "string") item.resolve(result);
      else item.reject(result.error);
    });
  }

  private apply(tx: Tx, report: { charge: Charge; source: "callback" | "check"; rawBody?: string }, now: Date): SettleOutcome {
    const { charge } = report;
    const q = queries(this.db);
    const topup = q.byReference.get({ referenceId: charge.referenceId });
    const result = topup ? this.settleTopup(tx, topup, charge, now) : "unknown";
    if (report.source === "callback") {
      q.recordCallback.run({
        receivedAt: now,
        chargeId: charge.id,
        referenceId: charge.referenceId,
        status: charge.status,
        outcome: result,
        body: report.rawBody ?? JSON.stringify(charge),
      });
    }
    return result;
  }

  /** After the commit: one log line per report, and the dispatcher woken once for whatever was announced. */
  private afterSettled(reports: { charge: Charge; source: "callback" | "check" }[], outcomes: SettleOutcome[]): void {
    reports.forEach(({ charge, source }, index) => {
      const outcome = outcomes[index];
      const log = this.options.logger.child({ reference: charge.referenceId, chargeId: charge.id, source });
      if (outcome === "mismatch" || outcome === "unknown") log.error({ status: charge.status, amount: charge.amount }, `gateway report ${outcome}`);
      else log.info({ status: charge.status, outcome }, "gateway report applied");
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
    for (const topup of due) await this.check(topup);
    return due.length === limit;
  }

  /** /status: brings the merchant's open top-ups up to date from the gateway; returns them as they are now. */
  async refreshOpen(merchantId: number): Promise<Topup[]> {
    const open = this.openFor(merchantId);
    for (const topup of open) await this.check(topup, { force: true });
    return open.map((topup) => this.findOwned(merchantId, topup.id)!);
  }

  /** One page of the merchant's top-ups, newest first, and how many there are in all. */
  history(merchantId: number, offset: number, limit: number): { items: Topup[]; total: number } {
    const mine = eq(topups.merchantId, merchantId);
    const items = this.db.select().from(topups).where(mine).orderBy(desc(topups.createdAt), desc(topups.id)).limit(limit).offset(offset).all();
    const total = this.db.select({ n: count() }).from(topups).where(mine).get()?.n ?? 0;
    return { items, total };
  }

  latest(merchantId: number): Topup | undefined {
    return this.db
      .select()
      .from(topups)
      .where(eq(topups.merchantId, merchantId))
      .orderBy(desc(topups.createdAt), desc(topups.id))
      .get();
  }

  openFor(merchantId: number): Topup[] {
    return this.db
      .select()
      .from(topups)
      .where(and(eq(topups.merchantId, merchantId), inArray(topups.status, OPEN_STATUSES)))
      .all();
  }

  get(topupId: number): Topup | undefined {
    return queries(this.db).byId.get({ id: topupId });
  }

  /** Only the owner gets their top-up: ids from callback data are user input. */
  findOwned(merchantId: number, topupId: number): Topup | undefined {
    return this.db
      .select()
      .from(topups)
      .where(and(eq(topups.id, topupId), eq(topups.merchantId, merchantId)))
      .get();
  }

  private async check(topup: Topup, { force = false } = {}): Promise<void> {
    const now = this.options.clock.now();
    const overdue = now.getTime() >= topup.createdAt.getTime() + this.options.checkAfterSeconds * 1000;
    if (!topup.chargeId) {
      if (overdue) this.expire(topup, "NO_GATEWAY_RESPONSE");
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
      if (overdue) this.expire(topup, "EXPIRED");
      return;
    }
    const outcome = this.settle(charge, "check");
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

  private expire(topup: Topup, failureCode: string): void {
    const now = this.options.clock.now();
    const expired = this.db.transaction((tx) => {
      const row = tx
        .update(topups)
        .set({ status: "expired", failureCode, finalizedAt: now, updatedAt: now, checkAt: null })
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

