import type { Logger } from "pino";
import type { Database } from "../../db/database.js";
import type { Stores } from "../../db/stores.js";
import type { Clock } from "../clock.js";
import { enqueueNotice, type Notice } from "../notifications/outbox.js";
import { RunAborted, type Reconciliation, type ReconciliationReport } from "./reconciliation.js";
import { wibDayOf, wibHour } from "./wib-day.js";

const JOB = "reconciliation";
/**
 * A run is this instance's for this long: longer than a run takes (a GET per payment at RECONCILE_RATE_PER_SECOND:
 * 2 hours is 36,000 payments at 5/s). A run whose instance died is run again by another after it.
 */
const RUN_CLAIM_MS = 2 * 3_600_000;
/** How often, by the clock, an instance asks whether a run is due: a claim is a database write. */
const ASK_EVERY_MS = 60_000;

export interface DailyReconciliationOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  reconciliation: Reconciliation;
  /** RECONCILE_HOUR_WIB; undefined: no daily run. */
  hourWib: number | undefined;
  adminIds: number[];
  /** The report as a notice for one admin's chat, in their language (read with the transaction's stores). */
  reportFor: (stores: Stores, chatId: number, report: ReconciliationReport) => Promise<Pick<Notice, "key" | "vars" | "buttons">>;
  /** Notices were committed: send them now. */
  onNotify?: () => void;
}

/**
 * Once the WIB hour has come, reconciles the previous Jakarta day and tells every admin: once cluster-wide (a claim
 * in scheduled_runs), and again by another instance if the one running it died.
 */
export class DailyReconciliation {
  private askedAt = -Infinity;
  private doneDay: string | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: DailyReconciliationOptions) {}

  /** For the background loop: runs the due day if nobody has, else does nothing. Never asks for an immediate rerun. */
  async runIfDue(): Promise<boolean> {
    const { clock, hourWib, database } = this.options;
    const now = clock.now();
    if (hourWib === undefined) return false;
    // Before the hour the day before yesterday is the due one: a run missed while every instance was down is caught up.
    const day = wibDayOf(now, wibHour(now) >= hourWib ? 1 : 2);
    if (day.label === this.doneDay || now.getTime() - this.askedAt < ASK_EVERY_MS) return false;
    this.askedAt = now.getTime();
    if (!(await database.stores.schedule.claimRun(JOB, day.label, now, new Date(now.getTime() + RUN_CLAIM_MS)))) return false;
    try {
      await this.options.reconciliation.run(day, { actorId: null, actorName: null }, { within: (stores, report) => this.finish(stores, report), signal: this.stopping.signal });
    } catch (error) {
      // Shutting down: the claim runs out and another instance (or this one, restarted) runs the day again.
      if (error instanceof RunAborted) return false;
      throw error;
    }
    this.doneDay = day.label;
    this.options.onNotify?.();
    return false;
  }

  /** Ends a run in progress without recording it (shutdown): waiting for hundreds of paced calls would hold it up. */
  stop(): void {
    this.stopping.abort();
  }

  /** In the run's transaction: the report to every admin, and the day done. */
  private async finish(stores: Stores, report: ReconciliationReport): Promise<void> {
    const now = this.options.clock.now();
    for (const chatId of this.options.adminIds) {
      const notice = await this.options.reportFor(stores, chatId, report);
      await enqueueNotice(stores, { dedupeKey: `reconciliation:${report.day.label}:${chatId}`, chatId, ...notice }, now);
    }
    await stores.schedule.finishRun(JOB, report.day.label, now);
  }
}
