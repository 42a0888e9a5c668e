import { sql } from "drizzle-orm";
import { coordinationOf, type Coordination, type CoordinationOptions } from "../coordination.js";
import type { CommittedReads, Database, TransactionStores } from "../database.js";
import { Mutex } from "../mutex.js";
import type { Stores } from "../stores.js";
import { postgresChatLocks } from "./chat-locks.js";
import { openPostgres, type PostgresConnection, type PostgresOptions } from "./client.js";
import { startLeaderLease } from "./leader.js";
import { postgresProcessedUpdates } from "./processed-updates.js";
import type { Executor } from "./stores/executor.js";
import { postgresStores } from "./stores/index.js";

/**
 * PostgreSQL behind the async port. A store call outside a transaction takes any pooled connection; a transaction
 * holds one connection from BEGIN to COMMIT (READ COMMITTED: the money path locks the rows it reads before writing,
 * see the top-up store), and its stores run only on that connection: a query through the pool meanwhile would be
 * outside the transaction and could wait on the transaction's own locks.
 */
export class PostgresDatabase implements Database {
  readonly dialect = "postgres";
  readonly stores: Stores;
  /** Any pooled connection: not the one a transaction holds. */
  readonly committed: CommittedReads;

  constructor(
    private readonly connection: PostgresConnection,
    /** The connection string, for the leases' and chat locks' connections of their own (outside the pool). */
    private readonly url: string,
  ) {
    this.stores = postgresStores({ db: connection.db, inTransaction: false });
    this.committed = { topupState: (referenceId) => this.stores.topups.byReference(referenceId) };
  }

  transaction<T>(fn: (stores: TransactionStores) => Promise<T>): Promise<T> {
    return this.connection.db.transaction((tx) => fn(inTransaction(tx)));
  }

  coordination({ holdMs, waitMs, onError }: CoordinationOptions): Coordination {
    const url = this.url;
    return coordinationOf({
      startLease: (name) => startLeaderLease(name, { url, onError: (error) => onError(error, `lease:${name}`) }),
      chatLocks: postgresChatLocks({ url, holdMs, waitMs, onError: (error) => onError(error, "chat-locks") }),
      processedUpdates: postgresProcessedUpdates(this.connection.db),
    });
  }

  async ping(): Promise<void> {
    await this.connection.db.execute(sql`select 1`);
  }

  /** The pool, for what has no store method (tests, benches, seeding). */
  get pool(): PostgresConnection["pool"] {
    return this.connection.pool;
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/**
 * The stores of an open transaction or savepoint. Its savepoints take turns: they share the connection, and
 * drizzle names a level's savepoints alike, so two begun together would release or roll back each other's.
 */
function inTransaction(tx: Executor): TransactionStores {
  const turns = new Mutex();
  return {
    ...postgresStores({ db: tx, inTransaction: true }),
    savepoint: (fn) => turns.run(() => tx.transaction((savepoint) => fn(inTransaction(savepoint)))),
  };
}

/** Connects (migrating under the advisory lock) behind the port. */
export async function openPostgresDatabase(url: string, options: PostgresOptions): Promise<PostgresDatabase> {
  return new PostgresDatabase(await openPostgres(url, options), url);
}
