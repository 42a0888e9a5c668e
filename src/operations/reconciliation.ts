import type { Logger } from "pino";
import type { Database } from "../../db/database.js";
import type { TopupRow } from "../../db/rows.js";
import type { Stores } from "../../db/stores.js";
import { Pacer } from "../telegram/pacer.js";
import type { Clock } from "../clock.js";
import { GatewayError, type Charge, type PaymentGateway } from "../payments/gateway.js";
import { compare, differenceReason, verdictWithoutCharge, type Difference, type Verdict } from "./reconciliation-rules.js";
import type { WibDay } from "./wib-day.js";

/** Gateway calls per payment beyond the first when the gateway could not be reached (timeout, 5xx). */
const RETRIES = 2;
const RETRY_DELAY_MS = 1_000;

export interface ReconciliationActor {
  /** Null for the daily run: nobody pressed anything. */
  actorId: number | null;
  actorName: string | null;
}

export interface FoundDifference {
  difference: Difference;
  topup: TopupRow;
  merchantName: string;
  /** The gateway's answer. */
  charge: Charge;
  /** The open exception about it; undefined when an operator has already resolved it in /masalah. */
  exceptionId?: number;
}

export interface ReconciliationReport {
  day: WibDay;
  /** The end of the period compared: the day's end, or, for today, the moment the run started. */
  upTo: Date;
  /** Top-ups of the period, whatever came of them. */
  total: number;
  matched: { count: number; amount: number };
  /** Oldest first. */
  differences: FoundDifference[];
  /** Exceptions this run opened (a run repeated opens none). */
  opened: number;
  unverifiable: number;
  notChecked: number;
}

export interface RunOptions {
  within?: (stores: Stores, report: ReconciliationReport) => Promise<void>;
  signal?: AbortSignal;
}

export class RunAborted extends Error {
  override name = "RunAborted";
  constructor() {
    super("reconciliation run aborted: nothing recorded");
  }
}

interface Compared {
  topup: TopupRow;
  verdict: Verdict;
  charge?: Charge;
}

export interface ReconciliationOptions {
  database: Database;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  /** Gateway calls per second (RECONCILE_RATE_PER_SECOND). */
  ratePerSecond: number;
}

/**
 * Compares a Jakarta day's payments on our side with the gateway's (a GET per top-up with a charge id, paced), and
 * opens an exception `reconciliation:<topupId>:<difference>` for each disagreement. It never credits or changes a
 * top-up: what to do about a difference is an operator's decision in /masalah. Repeating a run opens nothing new.
 */
export class Reconciliation {
  private readonly pacer: Pacer;

  constructor(private readonly options: ReconciliationOptions) {
    const { clock } = options;
    // The injected clock paces: a test's manual clock moves instead of sleeping.
    this.pacer = new Pacer(options.ratePerSecond, { timer: { now: () => clock.now().getTime(), sleep: (ms) => clock.sleep(ms) } });
  }

  /**
   * Reconciles the top-ups created or finalised in `day` (a run of today sees today so far). `within`
   * runs in the recording transaction with its stores and the report: the daily run enqueues its notices there.
   * An aborted run (shutdown) records nothing and rejects with RunAborted.
   */
  async run(day: WibDay, actor: ReconciliationActor, { within, signal }: RunOptions = {}): Promise<ReconciliationReport> {
    // Today's run sees today so far: nothing of the rest of the day exists yet.
    const end = new Date(Math.min(this.options.clock.now().getTime(), day.to.getTime()));
    const topups = await this.options.database.stores.topups.activeBetween(day.from, day.to);
    const compared: Compared[] = [];
    for (const topup of topups) compared.push(await this.compareOne(topup, signal));
    const now = this.options.clock.now();
    const report = await this.options.database.transaction(async (stores) => {
      const recorded = await this.record(stores, day, end, compared, now);
      await stores.audit.append(
        {
          ...actor,
          action: "reconciliation.run",
          objectType: "reconciliation",
          objectId: day.label,
          after: countsOf(recorded),
        },
        now,
      );
      await within?.(stores, recorded);
      return recorded;
    });
    this.options.logger.info(countsOf(report), "reconciliation run");
    return report;
  }

  private async compareOne(topup: TopupRow, signal?: AbortSignal): Promise<Compared> {
    if (topup.chargeId === null) return { topup, verdict: verdictWithoutCharge(topup) };
    const charge = await this.fetchCharge(topup, signal);
    return charge ? { topup, charge, verdict: compare(topup, charge) } : { topup, verdict: { kind: "not_checked" } };
  }

  /** The gateway's answer, or undefined when it gave none worth trusting: reported as not checked, never as a difference. */
  private async fetchCharge(topup: TopupRow, signal?: AbortSignal): Promise<Charge | undefined> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) await this.options.clock.sleep(RETRY_DELAY_MS * attempt);
      if (!(await this.pacer.acquire(signal))) throw new RunAborted();
      try {
        return await this.options.gateway.getCharge(topup.chargeId!);
      } catch (error) {
        lastError = error;
        // A refusal (unknown charge, our key refused) is not going away on a retry.
        if (!(error instanceof GatewayError) || error.failure !== "uncertain") break;
      }
    }
    this.options.logger.warn({ err: lastError, topupId: topup.id }, "reconciliation: the gateway gave no answer about a payment; reported as not checked");
    return undefined;
  }

  /** In the transaction: differences re-read against our current row (a callback may have settled it since), then opened. */
  private async record(stores: Stores, day: WibDay, upTo: Date, compared: Compared[], now: Date): Promise<ReconciliationReport> {
    const report: ReconciliationReport = { day, upTo, total: compared.length, matched: { count: 0, amount: 0 }, differences: [], opened: 0, unverifiable: 0, notChecked: 0 };
    for (const item of compared) {
      const current = item.verdict.kind === "difference" ? await this.recheck(stores, item) : item;
      const { verdict, topup } = current;
      if (verdict.kind === "matched") {
        report.matched.count += 1;
        if (verdict.paid) report.matched.amount += topup.amount;
      } else if (verdict.kind === "unverifiable") report.unverifiable += 1;
      else if (verdict.kind === "not_checked") report.notChecked += 1;
      else {
        const found = await this.openException(stores, topup, verdict.difference, current.charge!, now);
        if (found.opened) report.opened += 1;
        report.differences.push(found.difference);
      }
    }
    return report;
  }

  private async recheck(stores: Stores, item: Compared): Promise<Compared> {
    const topup = (await stores.topups.byId(item.topup.id)) ?? item.topup;
    return { topup, charge: item.charge, verdict: compare(topup, item.charge!) };
  }

  private async openException(stores: Stores, topup: TopupRow, difference: Difference, charge: Charge, now: Date) {
    const key = `reconciliation:${topup.id}:${difference}`;
    const created = await stores.exceptions.open({ key, kind: "reconciliation", topupId: topup.id, reason: differenceReason(difference, topup, charge) }, now);
    // Found before: the same exception, still open, or resolved by an operator (then there is nothing to open).
    const exception = created ?? (await stores.exceptions.openOfTopup(topup.id)).find((candidate) => candidate.key === key);
    const merchant = await stores.merchants.byId(topup.merchantId);
    const merchantName = merchant?.storeName ?? merchant?.firstName ?? String(topup.merchantId);
    return { opened: created !== undefined, difference: { difference, topup, charge, merchantName, exceptionId: exception?.id } };
  }
}

/** What the audit row and the log keep of a run. */
function countsOf(report: ReconciliationReport) {
  const byDifference = (difference: Difference) => report.differences.filter((found) => found.difference === difference).length;
  return {
    day: report.day.label,
    upTo: report.upTo.toISOString(),
    total: report.total,
    matched: report.matched.count,
    matchedAmount: report.matched.amount,
    notCredited: byDifference("not_credited"),
    notPaid: byDifference("not_paid"),
    amount: byDifference("amount"),
    opened: report.opened,
    unverifiable: report.unverifiable,
    notChecked: report.notChecked,
  };
}
