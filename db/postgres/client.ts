import { join } from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { projectRoot } from "../../src/project-root.js";
import * as schema from "./schema.js";

export type PgDb = NodePgDatabase<typeof schema>;

const migrationsFolder = join(projectRoot, "db", "postgres", "migrations");

/** The key of the advisory lock one starting instance migrates under while the others wait: "coinmigr" in ASCII. */
export const MIGRATION_LOCK_KEY = "7165061455172691826";

export interface PostgresConnection {
  db: PgDb;
  pool: pg.Pool;
  close: () => Promise<void>;
}

export interface PostgresOptions {
  /**
   * An idle pooled connection failed (the server restarted, the network dropped): the pool has already dropped it
   * and the next query opens a new one. pg emits this as an 'error' event, which would end the process unheard.
   */
  onError: (error: Error) => void;
  /** Connections in the pool (pg's default: 10). */
  max?: number;
  /** A query running longer is cancelled by the server (default 10 s): a stuck database answers with errors, not hangs. */
  statementTimeoutMs?: number;
  /** Waiting longer for a new connection fails the request (default 5 s) instead of queueing it forever. */
  connectionTimeoutMs?: number;
}

/**
 * A transaction left open (a process stuck between two statements) holds its row locks; the server ends it after
 * this, so other instances' crediting of the same top-up goes on.
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/** Opens a connection pool to `url` and brings the schema up to date, once however many instances start together. */
export async function openPostgres(url: string, options: PostgresOptions): Promise<PostgresConnection> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    // A connection silently gone (a machine lost, not a server stopped) is noticed instead of waited on.
    keepAlive: true,
  });
  pool.on("error", options.onError);
  // A checked-out client whose connection drops between two queries (a transaction callback between statements)
  // emits 'error' with no pool listener on it, which would end the process; its next query fails instead, and
  // the pool drops it on release.
  pool.on("connect", (client) => client.on("error", ignore));
  const close = closesCompletely(pool);
  try {
    await migrateUnderLock(pool);
  } catch (error) {
    await close();
    throw error;
  }
  return { db: drizzle(pool, { schema }), pool, close };
}

/**
 * pg's pool.end() resolves once it has asked its connections to close, before they have: a database dropped or a
 * server stopped right after would hit them, and their errors would reach onError. This waits until they are gone.
 */
function closesCompletely(pool: pg.Pool): () => Promise<void> {
  const open = new Set<pg.PoolClient>();
  let allClosed = (): void => {};
  pool.on("connect", (client) => open.add(client));
  pool.on("remove", (client) => {
    open.delete(client);
    if (open.size === 0) allClosed();
  });
  return async () => {
    const closed = new Promise<void>((resolve) => (open.size === 0 ? resolve() : (allClosed = resolve)));
    await pool.end();
    await closed;
  };
}

/**
 * drizzle's migrator reads the applied list, then applies the rest in one transaction: two instances starting
 * together would both apply them (and one fail on a duplicate schema or table). Session-level, so the lock spans the migrator's
 * own transaction, and a crashed holder's lock goes with its connection.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let failed = false;
  try {
    // Waiting for another instance's migrations is not a stuck query: no statement timeout for this session.
    await client.query("set statement_timeout = 0");
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client), { migrationsFolder });
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    await client.query("reset statement_timeout");
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Destroying a failed client closes its session, which releases the lock and whatever the migrator left open.
    client.release(failed);
  }
}

const ignore = (): void => {};
