import { describe, expect, it } from "vitest";
import { Pacer, type PacerTimer } from "../../src/broadcast/pacer.js";
import { maxInAnyWindow } from "../../src/broadcast/window.js";

/** Time moves only when the pacer sleeps, plus whatever lateness a test adds (timers firing late). */
function fakeTimer(lateness: () => number = () => 0): PacerTimer & { t: number } {
  const timer = {
    t: 0,
    now: () => timer.t,
    sleep: (ms: number) => {
      timer.t += ms + lateness();
      return Promise.resolve();
    },
  };
  return timer;
}

async function startsOf(pacer: Pacer, timer: { now(): number }, count: number): Promise<number[]> {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.acquire();
    starts.push(timer.now());
  }
  return starts;
}

describe("Pacer", () => {
  it("spaces sends evenly, never more than the limit in any second, close to the limit over time", async () => {
    const timer = fakeTimer();
    const starts = await startsOf(new Pacer(25, { timer }), timer, 250);
    expect(maxInAnyWindow(starts)).toBeLessThanOrEqual(25);
    expect(starts[1]! - starts[0]!).toBeGreaterThan(35);
    const rate = ((starts.length - 1) * 1000) / (starts.at(-1)! - starts[0]!);
    expect(rate).toBeGreaterThan(0.95 * 25);
  });

  it("catches up on timers that fire late without breaking the window", async () => {
    let n = 0;
    const timer = fakeTimer(() => (++n % 7 === 0 ? 15 : 1));
    const starts = await startsOf(new Pacer(500, { timer }), timer, 5_000);
    expect(maxInAnyWindow(starts)).toBeLessThanOrEqual(500);
    const rate = ((starts.length - 1) * 1000) / (starts.at(-1)! - starts[0]!);
    expect(rate).toBeGreaterThan(0.95 * 500);
  });

  it("does not burst after idling", async () => {
    const timer = fakeTimer();
    const pacer = new Pacer(100, { timer });
    await startsOf(pacer, timer, 10);
    timer.t += 5_000;
    const starts = await startsOf(pacer, timer, 5);
    expect(starts[4]! - starts[0]!).toBeGreaterThanOrEqual(40);
  });

  it("holds every send during a pause, then goes on at the same pace", async () => {
    const timer = fakeTimer();
    const pacer = new Pacer(100, { timer });
    await pacer.acquire();
    pacer.pause(1_000);
    const started = timer.now();
    await pacer.acquire();
    expect(timer.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(pacer.pausedFor()).toBe(0);
  });

  it("gives a slot back that was not used", async () => {
    const timer = fakeTimer();
    const pacer = new Pacer(10, { timer });
    await pacer.acquire();
    const first = timer.now();
    (await pacer.take())!.refund();
    // The refunded slot is taken again at once instead of one interval later.
    await pacer.acquire();
    expect(timer.now() - first).toBeLessThan(110);
  });

  it("stops waiting when aborted", async () => {
    const pacer = new Pacer(1);
    await pacer.acquire();
    const abort = new AbortController();
    const waiting = pacer.acquire(abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBe(false);
  });
});
