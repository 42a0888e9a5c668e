import { setImmediate as yieldToIo } from "node:timers/promises";
import type { Logger } from "pino";
import type { Database } from "../../db/database.js";
import type { CallbackRecord } from "../../db/stores.js";
import type { Clock } from "../clock.js";
import { maskAnyPhone, maskPhonesIn } from "./phone.js";

/** One row of the audit trail of gateway callbacks; what a callback does not carry is null. The body is storedBody()'s. */
export type { CallbackRecord } from "../../db/stores.js";

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Rows deleted per statement: each delete holds the write lock only briefly, and callbacks get in between. */
const PRUNE_BATCH = 500;
const phoneField = /phone|mobile|msisdn/i;

/**
 * A callback's body as it is kept: phone numbers masked wherever they are, under a phone-like field
 * (the charge's channel_properties.mobile_number) or inside any other text.
 */
export function storedBody(json: unknown): string {
  return JSON.stringify(json, (key, value: unknown) => {
    if (phoneField.test(key) && (typeof value === "string" || typeof value === "number")) return maskAnyPhone(String(value));
    return typeof value === "string" ? maskPhonesIn(value) : value;
  });
}

export interface WebhookEventsOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  retentionDays: number;
}

/** The audit trail outside a settlement: callbacks we do not act on, and its retention. */
export class WebhookEvents {
  private nextPruneAt = 0;

  constructor(private readonly options: WebhookEventsOptions) {}

  recordIgnored(record: Omit<CallbackRecord, "outcome">): Promise<void> {
    return this.options.database.stores.webhookEvents.record({ ...record, outcome: "ignored" }, this.options.clock.now());
  }

  /**
   * Deletes rows older than the retention, one batch per call, at most hourly by the clock. True while a full
   * batch went, so the loop calls again at once (after pending I/O had its turn).
   */
  async prune(): Promise<boolean> {
    const { database, clock, logger, retentionDays } = this.options;
    const now = clock.now().getTime();
    if (now < this.nextPruneAt) return false;
    const cutoff = new Date(now - retentionDays * DAY_MS);
    await database.stores.webhookEvents.pruneRepeats(cutoff);
    const changes = await database.stores.webhookEvents.prune(cutoff, PRUNE_BATCH);
    if (changes > 0) logger.debug({ deleted: changes, retentionDays }, "old webhook events pruned");
    if (changes === PRUNE_BATCH) {
      await yieldToIo();
      return true;
    }
    this.nextPruneAt = now + PRUNE_EVERY_MS;
    return false;
  }
}
