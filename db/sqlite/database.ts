import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { alwaysLeader, coordinationOf, inProcessChatLocks, type Coordination } from "../coordination.js";
import type { CommittedReads, Database, TransactionStores } from "../database.js";
import type { Stores } from "../stores.js";
import { backgroundCheckpoints, type Checkpoints, type PauseWriters } from "./checkpoints.js";
import { openSqlite, type Db } from "./client.js";
import { Mutex } from "../mutex.js";
import { sqliteProcessedUpdates } from "./processed-updates.js";
import * as schema from "./schema.js";
import { sqliteStores, type SyncStores } from "./stores/index.js";
import { topupStateByReference } from "./stores/topups.js";

/**
 * SQLite behind the async port. better-sqlite3 has one connection and answers synchronously; a transaction
 * spans awaits here, and anything run on the connection meanwhile would land inside it. So every access takes
 * one mutex: a store call outside a transaction waits for it, a transaction holds it from BEGIN IMMEDIATE to
 * COMMIT. With nothing open or waiting, a store call runs at once (its statement is synchronous, nothing can
 * come between) and costs no queueing: the common case on the webhook path.
 */
export class SqliteDatabase implements Database {
  readonly dialect = "sqlite";
  readonly stores: Stores;
  readonly committed: CommittedReads;
  private readonly mutex = new Mutex();
  /**
   * Savepoints of the open transaction, one after another: a RELEASE would also release any begun after it. So one
   * name serves them all, and like BEGIN and COMMIT they are prepared once: exec() compiled them on every callback.
   */
  private readonly savepointTurns = new Mutex();
  private readonly control: Record<"begin" | "commit" | "savepoint" | "release", BetterSqlite3.Statement>;
  private readonly inTransaction: TransactionStores;
  private readonly checkpoints?: Checkpoints;

  constructor(
    readonly db: Db,
    /** The better-sqlite3 connection itself, for pragmas; queries go through the stores or exclusive(). */
    readonly connection: BetterSqlite3.Database,
    /** Read-only, on the same file (WAL: it sees the last commit while a transaction is open); none in memory. */
    private readonly reader?: BetterSqlite3.Database,
    /** Starts the WAL's checkpoints, given how to hold the writers back for a moment (this database's turns). */
    checkpointsOf?: (pauseWriters: PauseWriters) => Checkpoints,
  ) {
    this.checkpoints = checkpointsOf?.((during) => this.mutex.run(during));
    const prepare = (sql: string) => connection.prepare(sql);
    this.control = { begin: prepare("BEGIN IMMEDIATE"), commit: prepare("COMMIT"), savepoint: prepare(`SAVEPOINT ${SAVEPOINT}`), release: prepare(`RELEASE ${SAVEPOINT}`) };
    const sync = sqliteStores(db);
    this.stores = storesOf(sync, (call) => (this.mutex.idle ? settle(call) : this.mutex.run(call)));
    this.committed = reader ? committedReads(reader) : { topupState: (referenceId) => this.stores.topups.byReference(referenceId) };
    // Inside a transaction the mutex is held already: calls go straight to the connection.
    this.inTransaction = { ...storesOf(sync, settle), savepoint: (fn) => this.savepoint(fn) };
  }

  transaction<T>(fn: (stores: TransactionStores) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      // Immediate: read-then-write transactions must not fail upgrading a read lock.
      this.control.begin.run();
      try {
        const result = await fn(this.inTransaction);
        this.control.commit.run();
        return result;
      } catch (error) {
        // A failed COMMIT or some errors (SQLITE_FULL) end the transaction themselves.
        if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
        throw error;
      }
    });
  }

  /** One process owns the file: it holds every role, and one chat's updates need only an in-memory lock. */
  coordination(): Coordination {
    return coordinationOf({ startLease: alwaysLeader, chatLocks: inProcessChatLocks(), processedUpdates: sqliteProcessedUpdates(this) });
  }

  ping(): Promise<void> {
    return this.mutex.run(() => void this.connection.prepare("select 1").get());
  }

  /** The drizzle handle for what has no store method (tests, benches, seeding), in turn like every other access. */
  exclusive<T>(fn: (db: Db) => T): Promise<T> {
    return this.mutex.run(() => fn(this.db));
  }

  async close(): Promise<void> {
    await this.checkpoints?.stop();
    return this.mutex.run(() => {
      this.reader?.close();
      this.connection.close();
    });
  }

  private savepoint<T>(fn: (stores: TransactionStores) => Promise<T>): Promise<T> {
    return this.savepointTurns.run(() => this.inSavepoint(fn));
  }

  private async inSavepoint<T>(fn: (stores: TransactionStores) => Promise<T>): Promise<T> {
    this.control.savepoint.run();
    try {
      const result = await fn(this.inTransaction);
      this.control.release.run();
      return result;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec(`ROLLBACK TO ${SAVEPOINT}; RELEASE ${SAVEPOINT}`);
      throw error;
    }
  }
}

const SAVEPOINT = "report";

/** Opens the file (creating it and migrating) behind the port. */
export function openSqliteDatabase(path: string): SqliteDatabase {
  const { db, sqlite } = openSqlite(path);
  if (path === ":memory:") return new SqliteDatabase(db, sqlite);
  const reader = new BetterSqlite3(path, { readonly: true });
  return new SqliteDatabase(db, sqlite, reader, (pauseWriters) => backgroundCheckpoints(path, sqlite, pauseWriters));
}

/** Each read is one synchronous statement on its own connection: nothing can come between, no mutex needed. */
function committedReads(reader: BetterSqlite3.Database): CommittedReads {
  const stateOf = topupStateByReference(drizzle(reader, { schema }));
  return { topupState: (referenceId) => settle(() => stateOf.get({ referenceId })) };
}

/** A synchronous call as a promise: its error rejects instead of throwing at the caller. */
function settle<T>(call: () => T): Promise<T> {
  return new Promise((resolve) => resolve(call()));
}

type Runner = <T>(call: () => T) => Promise<T>;

/** The async stores over the synchronous ones, each call run by `run`. */
function storesOf(sync: SyncStores, run: Runner): Stores {
  const wrap = (store: Record<string, (...args: unknown[]) => unknown>) =>
    Object.fromEntries(Object.entries(store).map(([name, method]) => [name, (...args: unknown[]) => run(() => method(...args))]));
  return Object.fromEntries(Object.entries(sync).map(([name, store]) => [name, wrap(store as never)])) as unknown as Stores;
}
