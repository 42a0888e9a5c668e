import type { Database } from "../../db/database.js";
import type { CallbackRepeat } from "../../db/stores.js";
import type { Clock } from "../clock.js";

/** Of each callback's repeats, this many are kept whole in webhook_events; the rest are only counted. */
export const KEPT_REPEATS = 3;

/** A repeat to count; its body is made (phones masked) only if it is kept. */
export type Repeat = CallbackRepeat & { body: () => string };

interface Waiting {
  record: Repeat;
  done: (kept: boolean) => void;
  failed: (error: unknown) => void;
}

/**
 * The audit trail of callbacks that repeat one already applied (Xendit re-delivers; replays happen): a count per
 * callback in callback_repeats and its first KEPT_REPEATS bodies in webhook_events, instead of a row each. The
 * repeats arriving together are counted in one transaction, so a storm of them costs one small write per turn of
 * the event loop, not one per request; each resolves once its count is committed (whether its body was kept).
 */
export class CallbackRepeats {
  private waiting: Waiting[] = [];

  constructor(private readonly options: { database: Database; clock: Clock }) {}

  record(record: Repeat): Promise<boolean> {
    return new Promise((done, failed) => {
      this.waiting.push({ record, done, failed });
      if (this.waiting.length === 1) setImmediate(() => void this.countWaiting());
    });
  }

  private async countWaiting(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    const now = this.options.clock.now();
    try {
      const kept = await this.options.database.transaction(async (stores) => {
        const keptOf = new Map<Waiting, boolean>();
        for (const group of groupByCallback(batch)) {
          const after = await stores.webhookEvents.countRepeats(group[0]!.record, group.length, now);
          for (const [index, item] of group.entries()) {
            const keep = after - group.length + index < KEPT_REPEATS;
            if (keep) await stores.webhookEvents.record({ ...item.record, body: item.record.body() }, now);
            keptOf.set(item, keep);
          }
        }
        return keptOf;
      });
      for (const item of batch) item.done(kept.get(item)!);
    } catch (error) {
      for (const item of batch) item.failed(error);
    }
  }
}

/**
 * The repeats of one callback together, the groups in the order of their callbacks. Batches run side by side on
 * PostgreSQL, each upserting its callbacks' counts: taken in one order everywhere, their row locks cannot deadlock
 * (in arrival order, two batches holding a SUCCEEDED and a FAILED repeat did). A storm is mostly one callback: each
 * repeat is first compared with the group before.
 */
function groupByCallback(batch: Waiting[]): Waiting[][] {
  const groups = new Map<string, Waiting[]>();
  let last: Waiting[] | undefined;
  for (const item of batch) {
    if (last && sameCallback(last[0]!.record, item.record)) {
      last.push(item);
      continue;
    }
    const { referenceId, chargeId, event, status } = item.record;
    const key = JSON.stringify([referenceId, chargeId, event, status]);
    last = groups.get(key);
    if (last) last.push(item);
    else groups.set(key, (last = [item]));
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

const sameCallback = (a: Repeat, b: Repeat) =>
  a.referenceId === b.referenceId && a.chargeId === b.chargeId && a.event === b.event && a.status === b.status;
