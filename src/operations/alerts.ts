import type { Database } from "../../db/database.js";
import type { Clock } from "../clock.js";
import { formatWib } from "../format.js";
import type { Logger } from "../logger.js";
import { enqueueNotice } from "../notifications/outbox.js";

/** The outbox's oldest pending notification older than this is an incident. */
export const OUTBOX_STALE_AFTER_MS = 5 * 60_000;

/** Each alert's text in locales/{id,en}/alerts.ftl; its end is told with `<text>-ended`. */
const TEXTS = { outbox_stale: "alert-outbox-stale", callbacks_failing: "alert-callbacks-failing" } as const;
type AlertKey = keyof typeof TEXTS;

export interface AlertsOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Every admin's chat is told (an admin's chat id is their user id). */
  adminIds: number[];
  /** A notice was committed to the outbox: send it now. */
  onNotify?: () => void;
}

/**
 * Alerts to the admins' chat that need no Prometheus, once per incident cluster-wide (AlertStore.raise): the
 * incident's start and its end are each told once, in the transaction that records them. `check()` is one pass of
 * the periodic check.
 */
export class Alerts {
  /**
   * What this instance saw of callbacks lately. Only an instance that saw them fail clears the alert when it sees one
   * recorded again: one that saw nothing wrong does not end another's incident.
   */
  private callbacks: { state: "quiet" } | { state: "failing"; since: Date } | { state: "recovered" } = { state: "quiet" };

  constructor(private readonly options: AlertsOptions) {}

  /** A callback could not be recorded (answered 5xx). */
  callbackFailed(): void {
    if (this.callbacks.state !== "failing") this.callbacks = { state: "failing", since: this.options.clock.now() };
  }

  /** A callback was recorded. */
  callbackRecorded(): void {
    if (this.callbacks.state === "failing") this.callbacks = { state: "recovered" };
  }

  /** One pass: raises or clears each alert. Never a full batch: false. */
  async check(): Promise<boolean> {
    await this.checkOutbox();
    await this.checkCallbacks();
    return false;
  }

  private async checkOutbox(): Promise<void> {
    const now = this.options.clock.now();
    const { pending, oldestPendingAt } = await this.options.database.stores.metrics.outboxBacklog();
    const ageMs = oldestPendingAt ? now.getTime() - oldestPendingAt.getTime() : 0;
    if (ageMs > OUTBOX_STALE_AFTER_MS) await this.raise("outbox_stale", now, { minutes: Math.floor(ageMs / 60_000), pending });
    else await this.clear("outbox_stale", now);
  }

  private async checkCallbacks(): Promise<void> {
    const seen = this.callbacks;
    const now = this.options.clock.now();
    if (seen.state === "failing") await this.raise("callbacks_failing", now, { since: formatWib(seen.since) });
    else if (seen.state === "recovered") {
      await this.clear("callbacks_failing", now);
      // A failure seen while the clear was being written starts over: it is not forgotten.
      if (this.callbacks === seen) this.callbacks = { state: "quiet" };
    }
  }

  // Each pass reads first and opens a write transaction only to change an alert: on SQLite a write waits for the
  // database's one write lock, and a check every few seconds must not queue in front of a callback.
  private async raise(key: AlertKey, now: Date, vars: Record<string, string | number>): Promise<void> {
    if (await this.options.database.stores.alerts.isRaised(key)) return;
    const raised = await this.options.database.transaction(async (stores) => {
      if (!(await stores.alerts.raise(key, now))) return false;
      // The incident's start in the key: a transaction retried is not a second alert, the next incident is.
      for (const chatId of this.options.adminIds) {
        await enqueueNotice(stores, { dedupeKey: `alert:${key}:${now.toISOString()}:${chatId}`, chatId, key: TEXTS[key], vars }, now);
      }
      return true;
    });
    if (!raised) return;
    this.options.logger.error({ alert: key, ...vars }, "alert raised; admins told");
    this.options.onNotify?.();
  }

  private async clear(key: AlertKey, now: Date): Promise<void> {
    if (!(await this.options.database.stores.alerts.isRaised(key))) return;
    const cleared = await this.options.database.transaction(async (stores) => {
      if (!(await stores.alerts.clear(key, now))) return false;
      for (const chatId of this.options.adminIds) {
        await enqueueNotice(stores, { dedupeKey: `alert:${key}:ended:${now.toISOString()}:${chatId}`, chatId, key: `${TEXTS[key]}-ended` }, now);
      }
      return true;
    });
    if (!cleared) return;
    this.options.logger.info({ alert: key }, "alert ended; admins told");
    this.options.onNotify?.();
  }
}
