import type { Logger } from "./logger.js";

export interface Loop {
  /** Run again now instead of waiting for the interval (new work was just committed). */
  wake(): void;
  /** Stops after the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `work` over and over: again at once while it reports a full batch, otherwise after `intervalMs` or
 * a wake(). A failing run is logged and retried on the next tick, so one bad row never stops the loop.
 */
export function startLoop(name: string, work: () => Promise<boolean>, intervalMs: number, logger: Logger): Loop {
  let stopped = false;
  // Set by a wake() at any time, also during a run: work committed while a run was reading may not be in it.
  let woken = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const pause = () =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      wakeUp = resolve;
      timer = setTimeout(resolve, intervalMs);
    });
  const running = (async () => {
    while (!stopped) {
      woken = false;
      let more = false;
      try {
        more = await work();
      } catch (error) {
        logger.error({ err: error, loop: name }, "background loop run failed");
      }
      if (!more && !stopped) await pause();
    }
  })();
  return {
    wake: () => {
      woken = true;
      clearTimeout(timer);
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wakeUp?.();
      await running;
    },
  };
}
