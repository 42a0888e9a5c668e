import { describe, expect, it } from "vitest";
import { Pacer, type PacerTimer, type Slot } from "../../src/telegram/pacer.js";
import { maxInAnyWindow } from "../../src/broadcast/window.js";

/**
 * Time moves only when the pacer sleeps, plus whatever lateness a test adds (timers firing late); `woke` runs what
 * came due meanwhile.
 */
function fakeTimer(lateness: () => number = () => 0, woke: () => void = () => {}): PacerTimer & { t: number } {
  const timer = {
    t: 0,
    now: () => timer.t,
    sleep: (ms: number) => {
      timer.t += ms + lateness();
      woke();
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

  it("keeps every arrival under the limit in any second, however late each call arrives before its answer", async () => {
    // Calls answered 1–40 ms after they start, each arriving at Telegram at a random moment in between: the
    // window must hold for the arrivals, which a rule over start times alone does not guarantee.
    const pending: { at: number; slot: Slot }[] = [];
    const answerDue = () => {
      pending.sort((a, b) => a.at - b.at);
      while (pending.length > 0 && pending[0]!.at <= timer.now()) pending.shift()!.slot.answered();
    };
    const timer = fakeTimer(() => Math.random(), answerDue);
    const pacer = new Pacer(500, { timer });
    const arrivals: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const slot = (await pacer.take())!;
      const latency = 1 + Math.random() * 39;
      arrivals.push(timer.now() + Math.random() * latency);
      pending.push({ at: timer.now() + latency, slot });
      answerDue();
    }
    expect(maxInAnyWindow(arrivals)).toBeLessThanOrEqual(500);
    const sorted = [...arrivals].sort((a, b) => a - b);
    const rate = ((sorted.length - 1) * 1000) / (sorted.at(-1)! - sorted[0]!);
    expect(rate).toBeGreaterThan(0.97 * 500);
  });

  it("with the limit in flight, waits for an answer and then a second more", async () => {
    const timer = fakeTimer();
    const pacer = new Pacer(2, { timer, marginMs: 0 });
    const first = (await pacer.take())!;
    (await pacer.take())!;
    let third = false;
    const waiting = pacer.take().then((slot) => (third = slot !== undefined));
    await Promise.resolve();
    expect(third).toBe(false);
    timer.t += 5_000;
    first.answered();
    const answeredAt = timer.now();
    await waiting;
    expect(timer.now() - answeredAt).toBeGreaterThanOrEqual(1_000);
  });

  it("within a wider limit: the two together never go above the wider one, the inner never above its own", async () => {
    const timer = fakeTimer();
    const bot = new Pacer(30, { timer });
    const broadcast = new Pacer(25, { timer, within: bot });
    const copies: number[] = [];
    const notices: number[] = [];
    const send = async (pacer: Pacer, starts: number[], count: number) => {
      for (let i = 0; i < count; i++) {
        const slot = (await pacer.take())!;
        starts.push(timer.now());
        slot.answered();
      }
    };
    await Promise.all([send(broadcast, copies, 250), send(bot, notices, 100)]);
    expect(maxInAnyWindow(copies)).toBeLessThanOrEqual(25);
    expect(maxInAnyWindow([...copies, ...notices].sort((a, b) => a - b))).toBeLessThanOrEqual(30);
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
