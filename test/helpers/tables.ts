import { and, asc, eq, sql, type Column, type InferInsertModel, type InferSelectModel, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type { PgTable } from "drizzle-orm/pg-core";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import * as postgresSchema from "../../db/postgres/schema.js";
import type { Db } from "../../db/sqlite/client.js";
import * as sqliteSchema from "../../db/sqlite/schema.js";

/**
 * The database a test sees beside the app, for the tables with no store method: whole tables read back as the
 * stores' rows (camelCase keys, Dates, numbers, parsed JSON) on either engine, and the few writes a test needs
 * to set up a state (an anomaly, what a crash leaves behind).
 */
export interface TestTables {
  /** Every row, in primary-key order (PostgreSQL keeps no insertion order). */
  table: <N extends TableName>(name: N) => Promise<Row<N>[]>;
  insert: <N extends TableName>(name: N, rows: NewRow<N> | NewRow<N>[]) => Promise<void>;
  /** Sets `set` on the rows whose columns equal `where` (every row without it). */
  update: <N extends TableName>(name: N, set: Partial<NewRow<N>>, where?: Partial<Row<N>>) => Promise<void>;
  /** One statement in this engine's own SQL, for what only SQL can do (a trigger that plays a failing disk). */
  exec: (statement: string) => Promise<void>;
  close: () => Promise<void>;
}

export type TableName = keyof typeof sqliteSchema;
/** The twin schemas give a row one shape on both engines (test/postgres/schema-parity.test.ts). */
export type Row<N extends TableName> = InferSelectModel<(typeof sqliteSchema)[N]>;
export type NewRow<N extends TableName> = InferInsertModel<(typeof sqliteSchema)[N]>;

const primaryKeys: { [N in TableName]: (keyof Row<N> & string)[] } = {
  merchants: ["id"],
  topups: ["id"],
  ledgerEntries: ["id"],
  outbox: ["id"],
  webhookEvents: ["id"],
  callbackRepeats: ["referenceId", "chargeId", "event", "status"],
  conversationStates: ["key"],
  invoices: ["id"],
  invoiceCounters: ["period"],
  broadcasts: ["id"],
  broadcastRecipients: ["broadcastId", "merchantId"],
  processedUpdates: ["updateId"],
  adjustments: ["id"],
  exceptions: ["id"],
  auditLog: ["id"],
  alerts: ["key"],
  scheduledRuns: ["job", "period"],
};

type Columns = Record<string, Column>;

const ordered = (name: TableName, columns: Columns): SQL[] => primaryKeys[name].map((key) => asc(columns[key]!));

const matching = (columns: Columns, where: object | undefined): SQL | undefined =>
  where === undefined ? undefined : and(...Object.entries(where as Record<string, unknown>).map(([key, value]) => eq(columns[key]!, value)));

/**
 * SQLite: every access through `run`, which takes its turn on the app's connection (SqliteDatabase.exclusive) like
 * the app's own calls, or opens the file while the app is stopped.
 */
export function sqliteTables(run: <T>(work: (db: Db) => T) => Promise<T>): TestTables {
  const of = (name: TableName) => sqliteSchema[name] as unknown as SQLiteTable & Columns;
  return {
    table: (name) =>
      run((db) =>
        db
          .select()
          .from(of(name))
          .orderBy(...ordered(name, of(name)))
          .all(),
      ) as Promise<Row<typeof name>[]>,
    insert: (name, rows) =>
      run((db) => {
        db.insert(of(name)).values(rows).run();
      }),
    update: (name, set, where) =>
      run((db) => {
        db.update(of(name)).set(set).where(matching(of(name), where)).run();
      }),
    exec: (statement) => run((db) => void db.run(sql.raw(statement))),
    close: () => Promise.resolve(),
  };
}

/** PostgreSQL: a small pool of the test's own on the app's database, so it works while the app is stopped too. */
export function postgresTables(url: string): TestTables {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // pool.end() resolves before its connections are gone: dropping the database right after terminates them, and an
  // idle connection's error with no listener would end the test run.
  pool.on("error", () => undefined);
  const db = drizzle(pool);
  const of = (name: TableName) => postgresSchema[name] as unknown as PgTable & Columns;
  return {
    table: async (name) =>
      (await db
        .select()
        .from(of(name))
        .orderBy(...ordered(name, of(name)))) as Row<typeof name>[],
    insert: async (name, rows) => {
      await db.insert(of(name)).values(rows);
    },
    update: async (name, set, where) => {
      await db.update(of(name)).set(set).where(matching(of(name), where));
    },
    exec: async (statement) => {
      await pool.query(statement);
    },
    close: () => pool.end(),
  };
}
