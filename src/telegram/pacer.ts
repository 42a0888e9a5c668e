/** What a wait needs of an abort signal: Node's, or the polyfill's that grammY hands to API transformers. */
export interface WaitSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** Monotonic time in milliseconds and a way to wait; injectable so the pacing arithmetic is testable. */
export interface PacerTimer {
  now(): number;
  sleep(ms: number, signal?: WaitSignal): Promise<void>;
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
   * Added to the 1-second window (default 1 ms): a counter that stamps whole milliseconds, however it rounds, still
   * sees the calls the rule keeps a second apart at least 1,000 ms apart.
   */
  marginMs?: number;
  /** How far behind schedule sends may catch up (timers fire late); bounded by the window rule anyway. */
  catchUpMs?: number;
  timer?: PacerTimer;
  /**
   * A wider limit this one lives within (the bot's, which payment messages share): each call also takes a slot of
   * it. Pauses stay this pacer's own: a 429 answers the calls that got it, the others pause by their own.
   */
  within?: Pacer;
}

/** One call's place in the limit, taken before the call is made. */
export interface Slot {
  /** The call was answered (or given up on): it reached Telegram by now, if at all. */
  answered(): void;
  /** Nothing was sent with this slot. */
  refund(): void;
}

const WINDOW_MS = 1_000;
/** Telegram's bulk limit: about 30 messages per second per bot, whatever sends them. */
export const TELEGRAM_RATE_PER_SECOND = 30;

/**
 * Lets at most `limit` calls reach Telegram in any 1-second window, evenly spaced rather than in bursts.
 *
 * Telegram counts a call when it arrives, which is some time after we let it go and before its answer comes
 * back. So a call counts against every window that may hold its arrival: from its start until a second after its
 * answer. A new call starts only when fewer than `limit` others still count: then any `limit` + 1 calls include
 * one answered at least a second before the last of them started, and no 1-second window holds all their arrivals,
 * however late the network or our event loop carried each one. On top of that hard rule, an even schedule (one
 * slot per 1000 / limit ms) keeps the calls from bunching. A 429 pauses every call, not just the one that got it.
 * Callers may wait side by side: a slot is checked and taken without yielding.
 */
export class Pacer {
  private readonly intervalMs: number;
  private readonly windowMs: number;
  private readonly catchUpMs: number;
  private readonly timer: PacerTimer;
  private readonly within: Pacer | undefined;
  /** When the calls of the last window were answered, oldest first: each still counts until a window after. */
  private readonly answers: number[] = [];
  private inFlight = 0;
  private nextSlot = -Infinity;
  private pausedUntil = -Infinity;
  private waiters: (() => void)[] = [];

  constructor(
    readonly limit: number,
    options: PacerOptions = {},
  ) {
    if (!Number.isFinite(limit) || limit <= 0) throw new Error(`invalid send rate ${limit}`);
    this.windowMs = WINDOW_MS + (options.marginMs ?? 1);
    this.catchUpMs = options.catchUpMs ?? 20;
    this.timer = options.timer ?? realTimer;
    this.within = options.within;
    this.intervalMs = this.windowMs / limit;
  }

  /** Waits for the next slot (and one of the wider limit's) and takes it; undefined when `signal` aborted the wait. */
  async take(signal?: WaitSignal): Promise<Slot | undefined> {
    const own = await this.takeOwn(signal);
    if (!own || !this.within) return own;
    const wider = await this.within.take(signal);
    if (!wider) {
      own.refund();
      return undefined;
    }
    return {
      answered: () => (own.answered(), wider.answered()),
      refund: () => (own.refund(), wider.refund()),
    };
  }

  private async takeOwn(signal?: WaitSignal): Promise<Slot | undefined> {
    for (;;) {
      if (signal?.aborted) return undefined;
      const now = this.timer.now();
      const at = this.earliest(now);
      if (at <= now) return this.taken(now);
      // Only answers free a slot when `limit` calls are in flight: wait for one.
      await (at === Infinity ? this.nextAnswer(signal) : this.timer.sleep(at - now, signal));
    }
  }

  /**
   * A slot for a call whose answer is not awaited here: it counts from its start (so a late arrival is not
   * covered, unlike with `take`). False when `signal` aborted the wait.
   */
  async acquire(signal?: WaitSignal): Promise<boolean> {
    const slot = await this.take(signal);
    slot?.answered();
    return slot !== undefined;
  }

  /** Telegram said "retry after": nobody sends until then, and no burst follows the pause. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.timer.now() + ms);
    this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
  }

  /**
   * Nobody sends for one whole window: calls made before by someone else (the instance that sent until now) have
   * left Telegram's count when ours begin.
   */
  pauseOneWindow(): void {
    this.pause(this.windowMs);
  }

  /** Milliseconds left of a pause, 0 when sending may go on. */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.timer.now());
  }

  private earliest(now: number): number {
    while (this.answers.length > 0 && this.answers[0]! + this.windowMs <= now) this.answers.shift();
    // The call that, once a window past its answer, leaves fewer than `limit` counting.
    const excess = this.answers.length + this.inFlight - this.limit;
    const freed = excess < 0 ? -Infinity : excess < this.answers.length ? this.answers[excess]! + this.windowMs : Infinity;
    return Math.max(this.scheduled(now), freed, this.pausedUntil);
  }

  /** The slot on the even schedule: a little behind may be caught up; after idling, the schedule restarts now. */
  private scheduled(now: number): number {
    return this.nextSlot < now - this.catchUpMs ? now : this.nextSlot;
  }

  private taken(now: number): Slot {
    this.nextSlot = this.scheduled(now) + this.intervalMs;
    this.inFlight++;
    let open = true;
    const close = (answered: boolean) => {
      if (!open) return;
      open = false;
      this.inFlight--;
      if (answered) this.answers.push(this.timer.now());
      else this.nextSlot -= this.intervalMs;
      for (const wake of this.waiters.splice(0)) wake();
    };
    return { answered: () => close(true), refund: () => close(false) };
  }

  private nextAnswer(signal?: WaitSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}
