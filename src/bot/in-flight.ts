import type { MiddlewareFn } from "grammy";

/**
 * The updates being handled right now, in polling and webhook mode alike: a shutdown waits for them before the
 * database closes. In webhook mode Telegram may stop waiting for its answer and close the connection while the
 * handler goes on, so the HTTP request is no measure of it.
 */
export class UpdatesInFlight {
  private readonly running = new Set<Promise<void>>();

  get size(): number {
    return this.running.size;
  }

  /** Install it first, so that it covers everything an update does. */
  readonly middleware: MiddlewareFn = (_ctx, next) => {
    const work = next();
    this.running.add(work);
    const done = () => void this.running.delete(work);
    work.then(done, done);
    return work;
  };
}
