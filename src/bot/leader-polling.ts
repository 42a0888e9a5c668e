import type { LeaderLease } from "../../db/coordination.js";
import type { Logger } from "../logger.js";
import type { Polling } from "./polling.js";

export interface LeaderPolling {
  /** Resolves (never rejects) with the reason if a poller ended by itself (a 401): the process cannot go on. */
  fatal: Promise<Error>;
  /** Updates fetched and not yet handled, by the current poller and any it replaced. */
  size(): number;
  /** Stops polling for good (getUpdates is abandoned; fetched updates run on, see size()). */
  stop(): Promise<void>;
}

/**
 * Long polling only while this instance holds `lease` ("polling"): Telegram allows one getUpdates per token, so
 * several instances would otherwise answer each other's polls with 409s. The others serve HTTP and background work;
 * when the leader goes, the next holder starts polling from Telegram's unconfirmed updates (handled once).
 */
export function pollWhileLeading(lease: LeaderLease, start: () => Polling, logger: Logger): LeaderPolling {
  let current: Polling | undefined;
  /** Pollers stopped since, with their stop: their fetched updates may still be running. */
  const retired: { polling: Polling; done: Promise<void> }[] = [];
  let stopped = false;
  let reportFatal!: (error: Error) => void;
  const fatal = new Promise<Error>((resolve) => (reportFatal = resolve));

  const retire = (polling: Polling): void => {
    retired.push({ polling, done: Promise.resolve(polling.runner.stop()) });
  };

  const follow = (held: boolean): void => {
    if (stopped) return;
    if (held && current === undefined) {
      current = start();
      void current.fatal.then(reportFatal);
      logger.info({ lease: lease.name }, "this instance polls Telegram now");
    } else if (!held && current !== undefined) {
      retire(current);
      current = undefined;
      logger.warn({ lease: lease.name }, "polling lease lost: polling stopped here, another instance takes over");
    }
  };
  lease.onChange(follow);
  follow(lease.held());

  return {
    fatal,
    size: () => [current, ...retired.map(({ polling }) => polling)].reduce((sum, polling) => sum + (polling?.runner.size() ?? 0), 0),
    async stop() {
      stopped = true;
      if (current !== undefined) retire(current);
      current = undefined;
      await Promise.all(retired.map(({ done }) => done));
    },
  };
}
