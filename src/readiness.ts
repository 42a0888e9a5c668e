import type { Clock } from "./clock.js";

/** A loop that has not finished a pass for this long is stalled, whatever its interval. */
const MIN_STALL_MS = 30_000;
/** …and in any case after this many of its intervals. */
const STALL_INTERVALS = 10;

export interface StaleLoop {
  loop: string;
  /** Since its last finished pass (or its start, before the first). */
  secondsSinceLastPass: number;
}

/**
 * When each background loop last finished a pass, on the injected clock: a pass that hangs (a send Telegram never
 * answers, a database call that never returns) leaves its loop's time behind, and /readyz says so. A pass that
 * failed still counts as finished: the loop goes on, and a restart would not mend what made it fail.
 */
export class LoopHeartbeats {
  private readonly loops = new Map<string, { lastPassAt: number; stallAfterMs: number }>();

  constructor(private readonly clock: Clock) {}

  /** `work` as the loop named `name` runs it, its passes recorded. */
  track<T>(name: string, intervalMs: number, work: () => Promise<T>): () => Promise<T> {
    const entry = { lastPassAt: this.clock.now().getTime(), stallAfterMs: Math.max(MIN_STALL_MS, STALL_INTERVALS * intervalMs) };
    this.loops.set(name, entry);
    return async () => {
      try {
        return await work();
      } finally {
        entry.lastPassAt = this.clock.now().getTime();
      }
    };
  }

  /** The loops with no finished pass within their bound, by name. */
  stale(): StaleLoop[] {
    const now = this.clock.now().getTime();
    return [...this.loops]
      .filter(([, { lastPassAt, stallAfterMs }]) => now - lastPassAt > stallAfterMs)
      .map(([loop, { lastPassAt }]) => ({ loop, secondsSinceLastPass: Math.round((now - lastPassAt) / 1000) }));
  }
}
