/** Time source. Production uses the system clock; tests inject a manual one so timeouts need no sleeping. */
export interface Clock {
  now(): Date;
  /** Waits `ms` of this clock's time: what paces itself by it (reconciliation's gateway calls) never sleeps in a test. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = "2026-11-26T03:00:00.000Z") {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  /** Moves the clock instead of waiting; resolves on the next turn of the event loop, so other work still runs. */
  sleep(ms: number): Promise<void> {
    this.advance(ms);
    return new Promise((resolve) => setImmediate(resolve));
  }
}
