import { setImmediate as yieldToIo } from "node:timers/promises";
import { inArray, lt, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../../db/sqlite/client.js";
import { preparedPerDb } from "../../db/sqlite/prepared.js";
import { webhookEvents } from "../../db/sqlite/schema.js";
import type { Clock } from "../clock.js";
import { maskAnyPhone, maskPhonesIn } from "./phone.js";

/** One row of the audit trail of gateway callbacks; what a callback does not carry is null. */
export interface CallbackRecord {
  event: string | null;
  chargeId: string | null;
  referenceId: string | null;
  status: string | null;
  outcome: string;
  /** The callback's body as storedBody() wrote it. */
  body: string;
}

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Rows deleted per statement: each delete holds the write lock only briefly, and callbacks get in between. */
const PRUNE_BATCH = 500;
const phoneField = /phone|mobile|msisdn/i;

const queries = preparedPerDb((db) => ({
  record: db
    .insert(webhookEvents)
    .values({
      receivedAt: sql.placeholder("receivedAt"),
      event: sql.placeholder("event"),
      chargeId: sql.placeholder("chargeId"),
      referenceId: sql.placeholder("referenceId"),
      status: sql.placeholder("status"),
      outcome: sql.placeholder("outcome"),
      body: sql.placeholder("body"),
    })
    .prepare(),
}));

/** Writes the row; inside a transaction when one is open on the connection (settlement records in its own). */
export function recordCallback(db: Db, record: CallbackRecord, receivedAt: Date): void {
  queries(db).record.run({ ...record, receivedAt });
}

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
  db: Db;
  clock: Clock;
  logger: Logger;
  retentionDays: number;
}

/** The audit trail outside a settlement: callbacks we do not act on, and its retention. */
export class WebhookEvents {
  private nextPruneAt = 0;

  constructor(private readonly options: WebhookEventsOptions) {}

  recordIgnored(record: Omit<CallbackRecord, "outcome">): void {
    recordCallback(this.options.db, { ...record, outcome: "ignored" }, this.options.clock.now());
  }

  /**
   * Deletes rows older than the retention, one batch per call, at most hourly by the clock. True while a full
   * batch went, so the loop calls again at once (after pending I/O had its turn).
   */
  async prune(): Promise<boolean> {
    const { db, clock, logger, retentionDays } = this.options;
    const now = clock.now().getTime();
    if (now < this.nextPruneAt) return false;
    const cutoff = new Date(now - retentionDays * DAY_MS);
    const oldest = db.select({ id: webhookEvents.id }).from(webhookEvents).where(lt(webhookEvents.receivedAt, cutoff)).limit(PRUNE_BATCH);
    const { changes } = db.delete(webhookEvents).where(inArray(webhookEvents.id, oldest)).run();
    if (changes > 0) logger.debug({ deleted: changes, retentionDays }, "old webhook events pruned");
    if (changes === PRUNE_BATCH) {
      await yieldToIo();
      return true;
    }
    this.nextPruneAt = now + PRUNE_EVERY_MS;
    return false;
  }
}
