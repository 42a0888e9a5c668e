import type { Logger } from "./logger.js";

/** A stop that hangs must not keep a failed process around for ever. */
const FORCED_EXIT_MS = 60_000;

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Every way out of the process goes through `app.stop()`: SIGTERM/SIGINT (exit 0); a fatal condition the app
 * reports, printed as one line on stderr (exit 1); and, last resort, an error nothing else caught (logged, exit 1).
 * No code path is meant to reach the last one: faults are contained where they happen.
 */
export function stopOnExitCauses(app: Stoppable, logger: Logger, fatal: Promise<Error>): void {
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    if (code !== 0) setTimeout(() => process.exit(code), FORCED_EXIT_MS).unref();
    app.stop().then(
      () => process.exit(code),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "shutting down");
      stop(0);
    });
  }
  void fatal.then((error) => {
    console.error(error.message);
    stop(1);
  });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled rejection: shutting down");
    stop(1);
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception: shutting down");
    stop(1);
  });
}
