import type { Database, TransactionStores } from "../../db/database.js";
import type { PacerTimer } from "../telegram/pacer.js";

/** One row's change, written inside whatever transaction runs it. */
export type Write = (stores: TransactionStores) => Promise<void>;

/**
 * Writes collected for a few milliseconds and committed in one transaction: one commit for a handful of copies
 * instead of one per copy, which at hundreds of copies a second was a good part of the worker's time. A row waits
 * that much longer in `sending`; a crash meanwhile closes it as failed (never sent twice).
 */
export class WriteBatch {
  private queued: Write[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly timer: PacerTimer,
    private readonly delayMs: number,
    /** The transaction failed: none of `writes` was made. */
    private readonly onRefused: (writes: Write[], error: unknown) => void,
  ) {}

  add(write: Write): void {
    this.queued.push(write);
    this.flushing ??= this.flushSoon();
  }

  /** Resolves once everything added so far was written or refused. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushSoon(): Promise<void> {
    await this.timer.sleep(this.delayMs);
    const writes = this.queued;
    this.queued = [];
    try {
      await this.database.transaction(async (stores) => {
        for (const write of writes) await write(stores);
      });
    } catch (error) {
      this.onRefused(writes, error);
    }
    this.flushing = this.queued.length > 0 ? this.flushSoon() : undefined;
  }
}
