import type { Update } from "grammy/types";
import { conflict } from "./errors.js";

export type NewUpdate = Omit<Update, "update_id"> & { update_id?: number };

export interface PollOptions {
  offset?: number;
  limit?: number;
  timeoutMs: number;
  signal: AbortSignal;
}

// A poller that was just cancelled (bot.stop(), runner restart) may disconnect a moment after its successor
// arrives; waiting this long before answering 409 keeps a clean restart from looking like a second bot.
const DISCONNECT_GRACE_MS = 25;

/** The bot's pending updates, as Telegram keeps them until getUpdates confirms them by offset. */
export class UpdateQueue {
  private pending: Update[] = [];
  private lastUpdateId = 0;
  private readonly wakers = new Set<() => void>();
  private poller: AbortSignal | undefined;
  private closed = false;

  push(update: NewUpdate): Update {
    const update_id = update.update_id ?? this.lastUpdateId + 1;
    this.lastUpdateId = Math.max(this.lastUpdateId, update_id);
    const complete = { ...update, update_id };
    this.pending.push(complete);
    for (const wake of [...this.wakers]) wake();
    return complete;
  }

  /** An update_id for an update that is delivered some other way than through this queue. */
  reserveId(): number {
    return ++this.lastUpdateId;
  }

  get size(): number {
    return this.pending.length;
  }

  peek(limit = 100): Update[] {
    return this.pending.slice(0, limit);
  }

  /** Forgets updates below `offset`; a negative offset keeps only the last -offset updates. */
  confirm(offset: number): void {
    this.pending = offset < 0 ? this.pending.slice(offset) : this.pending.filter((u) => u.update_id >= offset);
  }

  clear(): void {
    this.pending = [];
  }

  /** Releases every waiter; pending long polls then answer with an empty batch. */
  close(): void {
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
  }

  /** Resolves when an update arrives, the timeout passes, the signal aborts or the queue closes. */
  waitForUpdate(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.wakers.delete(done);
        resolve();
      };
      const timer = Number.isFinite(timeoutMs) ? setTimeout(done, timeoutMs) : undefined;
      signal?.addEventListener("abort", done, { once: true });
      this.wakers.add(done);
    });
  }

  /** getUpdates: one poller at a time, answering as soon as something is pending. */
  async poll({ offset, limit = 100, timeoutMs, signal }: PollOptions): Promise<Update[]> {
    if (this.hasLivePoller()) await new Promise((resolve) => setTimeout(resolve, DISCONNECT_GRACE_MS));
    if (this.hasLivePoller()) {
      throw conflict("terminated by other getUpdates request; make sure that only one bot instance is running");
    }
    this.poller = signal;
    try {
      if (offset !== undefined && offset !== 0) this.confirm(offset);
      if (this.pending.length === 0 && timeoutMs > 0) await this.waitForUpdate(timeoutMs, signal);
      return this.closed ? [] : this.peek(Math.min(Math.max(limit, 1), 100));
    } finally {
      if (this.poller === signal) this.poller = undefined;
    }
  }

  private hasLivePoller(): boolean {
    return this.poller !== undefined && !this.poller.aborted;
  }
}
