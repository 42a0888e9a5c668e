import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema.js";

export type PgDb = NodePgDatabase<typeof schema>;

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** The key of the advisory lock one starting instance migrates under while the others wait: "coinmigr" in ASCII. */
export const MIGRATION_LOCK_KEY = "7165061455172691826";

export interface PostgresDatabase {
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
}

/** Opens a connection pool to `url` and brings the schema up to date, once however many instances start together. */
export async function openPostgres(url: string, options: PostgresOptions): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: options.max });
  pool.on("error", options.onError);
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
  // Checked out, the client is no longer covered by the pool's listener; a lost connection fails the next query.
  const ignore = (): void => {};
  client.on("error", ignore);
  let failed = false;
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client), { migrationsFolder });
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.off("error", ignore);
    // Destroying a failed client closes its session, which releases the lock and whatever the migrator left open.
    client.release(failed);
  }
}
