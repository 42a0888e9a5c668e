import { createHash } from "node:crypto";
import pg from "pg";
import type { LeaderLease } from "../coordination.js";

export interface LeaderLeaseOptions {
  /** The database's connection string; the lease opens a connection of its own, outside any pool. */
  url: string;
  /** Pause between attempts to take the lock, and before reconnecting after a failure (default 1 s). */
  retryMs?: number;
  /** Pause between two checks that the connection, and with it the lock, is still there (default 1 s). */
  heartbeatMs?: number;
  /** Longest wait for a connect or a check before the connection counts as lost (default 2 s). */
  timeoutMs?: number;
  /** A connection failed (the lease has already let go and tries again): for the log. */
  onError?: (error: Error) => void;
}

/**
 * The advisory lock key of a lease: the first 64 bits of a hash of its name, the same in every instance and every
 * version. One-bigint keys do not meet the two-int keys of the chat locks (PostgreSQL keeps the forms apart).
 */
export function leaseKey(name: string): string {
  return createHash("sha256").update(`lease:${name}`).digest().readBigInt64BE().toString();
}

/**
 * A lease on a session-level advisory lock, held on one connection of its own: the server releases the lock when that
 * session ends, so a leader that dies or loses its connection hands over within seconds.
 *
 * Until it holds the lock it tries pg_try_advisory_lock every retryMs; then it checks the connection every
 * heartbeatMs. Any error or the connection's end reports the lease lost at once, drops the connection and starts
 * over on a new one, a round later than the others try. Two bounds keep a cut-off leader from believing it leads
 * while another does:
 * - held() turns false on its own once the last confirmation is older than heartbeatMs + timeoutMs, even when the
 *   check could not run (a stalled event loop, a hung socket);
 * - the server ends the session once it has been idle for heartbeatMs + 2 × timeoutMs (idle_session_timeout), which
 *   frees the lock for another instance only after this one has stopped claiming it.
 */
export function startLeaderLease(name: string, options: LeaderLeaseOptions): LeaderLease {
  const lease = new PostgresLeaderLease(name, options);
  lease.start();
  return lease;
}

class PostgresLeaderLease implements LeaderLease {
  private readonly key: string;
  private readonly retryMs: number;
  private readonly heartbeatMs: number;
  private readonly timeoutMs: number;
  private readonly listeners: ((held: boolean) => void)[] = [];
  private client: pg.Client | undefined;
  private locked = false;
  /** When the last confirmed check was sent (performance.now()). */
  private confirmedAt = 0;
  private stopped = false;
  private backingOff = false;
  private wake: () => void = () => {};
  private loop: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly options: LeaderLeaseOptions,
  ) {
    this.key = leaseKey(name);
    this.retryMs = options.retryMs ?? 1_000;
    this.heartbeatMs = options.heartbeatMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  start(): void {
    this.loop = this.run();
  }

  held(): boolean {
    return this.locked && performance.now() - this.confirmedAt < this.heartbeatMs + this.timeoutMs;
  }

  onChange(listener: (held: boolean) => void): void {
    this.listeners.push(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    const client = this.client;
    this.client = undefined;
    this.setLocked(false);
    // Ending the session releases the lock.
    await client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (error) {
        this.lose(error as Error);
      }
      await this.pause(this.locked ? this.heartbeatMs : this.retryMs);
      if (this.backingOff) {
        // Wait out one more round after a loss, so that a healthy instance takes over first.
        this.backingOff = false;
        await this.pause(2 * this.retryMs);
      }
    }
  }

  private async step(): Promise<void> {
    const client = this.client ?? (await this.connect());
    const sentAt = performance.now();
    if (this.locked) {
      await client.query("select 1");
      this.confirmedAt = sentAt;
      return;
    }
    const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [this.key]);
    if (rows[0]!.locked && client === this.client && !this.stopped) {
      this.confirmedAt = sentAt;
      this.setLocked(true);
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.timeoutMs,
      query_timeout: this.timeoutMs,
      statement_timeout: this.timeoutMs,
      keepAlive: true,
      options: `-c idle_session_timeout=${this.heartbeatMs + 2 * this.timeoutMs}`,
      application_name: `lease:${this.name}`,
    });
    // Without a listener an 'error' event would end the process; it also means the lock is gone.
    client.on("error", (error) => this.lose(error, client));
    client.on("end", () => this.lose(new Error(`lease ${this.name}: connection ended`), client));
    this.client = client;
    await client.connect();
    return client;
  }

  /** The connection (and any lock on it) is gone or suspect: report it now, drop it, start over on a new one. */
  private lose(error: Error, client = this.client): void {
    if (client === undefined || client !== this.client) return;
    this.client = undefined;
    this.setLocked(false);
    this.backingOff = true;
    this.wake();
    if (!this.stopped) this.options.onError?.(error);
    client.end().catch(() => undefined);
  }

  private setLocked(locked: boolean): void {
    if (this.locked === locked) return;
    this.locked = locked;
    for (const listener of this.listeners) listener(locked);
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
