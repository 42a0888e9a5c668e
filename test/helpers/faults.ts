import pg from "pg";
import { onPostgres, type Harness } from "./harness.js";
import { postgresUrl } from "./postgres.js";

export interface FailingUpdates {
  /** Only updates that set this column. */
  of?: string;
  /** Only rows matching this condition on OLD and NEW, which both engines read alike (NEW.status = 'sent'). */
  when?: string;
}

/** Updates of `table` fail as a full disk would, until the returned function is called: a trigger on either engine. */
export async function failUpdates(h: Harness, table: string, only: FailingUpdates = {}): Promise<() => Promise<void>> {
  const event = `BEFORE UPDATE${only.of === undefined ? "" : ` OF ${only.of}`} ON ${table} FOR EACH ROW${only.when === undefined ? "" : ` WHEN (${only.when})`}`;
  if (onPostgres) {
    await h.exec("CREATE FUNCTION fail_updates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'database or disk is full'; END $$");
    await h.exec(`CREATE TRIGGER fail_updates ${event} EXECUTE FUNCTION fail_updates()`);
    return async () => {
      await h.exec(`DROP TRIGGER fail_updates ON ${table}`);
      await h.exec("DROP FUNCTION fail_updates()");
    };
  }
  await h.exec(`CREATE TRIGGER fail_updates ${event} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
  return () => h.exec("DROP TRIGGER fail_updates");
}

/**
 * The database stops answering until the returned function is called. PostgreSQL: new connections are refused and
 * the open ones cut. SQLite (one connection in the process): a transaction that never ends holds it, as a hung
 * call would; every other access waits behind it.
 */
export async function databaseDown(h: Harness): Promise<() => Promise<void>> {
  if (!onPostgres) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const transaction = h.app.services.database.transaction(async () => {
      started();
      await held;
    });
    await holding;
    return async () => {
      release();
      await transaction;
    };
  }
  const name = new URL(h.config.databaseUrl!).pathname.slice(1);
  const admin = new pg.Client({ connectionString: postgresUrl! });
  await admin.connect();
  await admin.query(`alter database ${name} allow_connections false`);
  await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
  return async () => {
    await admin.query(`alter database ${name} allow_connections true`);
    await admin.end();
  };
}
