/**
 * One holder at a time, in arrival order. better-sqlite3 has a single connection: a statement issued while a
 * transaction is open runs inside that transaction, so every access waits its turn here. A PostgreSQL transaction
 * has one connection too: its savepoints take turns here.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Nobody holds it and nobody waits: a synchronous step may run at once without queueing. */
  get idle(): boolean {
    return this.waiting === 0;
  }

  run<T>(fn: () => T | Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(fn).finally(() => this.waiting--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
