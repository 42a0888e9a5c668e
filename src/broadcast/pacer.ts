/** Monotonic time in milliseconds and a way to wait; injectable so the pacing arithmetic is testable. */
export interface PacerTimer {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTimer: PacerTimer = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
    }),
};

export interface PacerOptions {
  /**
   * Slack added to the 1-second window. Telegram counts requests when they arrive, not when we let them go,
   * so a little slack keeps a late request from landing in the same second as the next `limit` ones.
   */
  marginMs?: number;
  /** How far behind schedule sends may catch up (timers fire late); bounded by the window rule anyway. */
  catchUpMs?: number;
  timer?: PacerTimer;
}

const WINDOW_MS = 1_000;

/**
 * Lets at most `limit` sends start in any 1-second window, evenly spaced rather than in bursts. Two rules:
 * an even schedule (one slot per (1000 + margin) / limit ms) and a hard sliding window over the last
 * `limit` starts. A 429 pauses every send, not just the one that got it. One consumer at a time.
 */
export class Pacer {
  private readonly intervalMs: number;
  private readonly marginMs: number;
  private readonly catchUpMs: number;
  private readonly timer: PacerTimer;
  /** Start times of the last `limit` + 1 sends, oldest first (one spare, so a refund leaves `limit`). */
  private readonly starts: number[] = [];
  private nextSlot = -Infinity;
  private pausedUntil = -Infinity;

  constructor(
    readonly limit: number,
    options: PacerOptions = {},
  ) {
    if (!Number.isFinite(limit) || limit <= 0) throw new Error(`invalid send rate ${limit}`);
    this.marginMs = options.marginMs ?? 40;
    this.catchUpMs = options.catchUpMs ?? 20;
    this.timer = options.timer ?? realTimer;
    this.intervalMs = (WINDOW_MS + this.marginMs) / limit;
  }

  /** Waits for the next slot and takes it; false when `signal` aborted the wait. */
  async acquire(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const now = this.timer.now();
      const at = this.earliest(now);
      if (at <= now) {
        this.take(now);
        return true;
      }
      await this.timer.sleep(at - now, signal);
    }
  }

  /** Gives back the slot just taken (nothing was sent with it). */
  refund(): void {
    if (this.starts.pop() !== undefined) this.nextSlot -= this.intervalMs;
  }

  /** Telegram said "retry after": nobody sends until then, and no burst follows the pause. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.timer.now() + ms);
    this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
  }

  /**
   * Nobody sends for one whole window (with its margin): sends made before by someone else (the instance that sent
   * until now) have left Telegram's count when ours begin.
   */
  pauseOneWindow(): void {
    this.pause(WINDOW_MS + this.marginMs);
  }

  /** Milliseconds left of a pause, 0 when sending may go on. */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.timer.now());
  }

  private earliest(now: number): number {
    const oldest = this.starts.length >= this.limit ? this.starts[this.starts.length - this.limit]! : -Infinity;
    return Math.max(this.scheduled(now), oldest + WINDOW_MS + this.marginMs, this.pausedUntil);
  }

  /** The slot on the even schedule: a little behind may be caught up; after idling, the schedule restarts now. */
  private scheduled(now: number): number {
    return this.nextSlot < now - this.catchUpMs ? now : this.nextSlot;
  }

  private take(now: number): void {
    this.nextSlot = this.scheduled(now) + this.intervalMs;
    this.starts.push(now);
    if (this.starts.length > this.limit + 1) this.starts.shift();
  }
}
