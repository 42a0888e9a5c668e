import { readFileSync } from "node:fs";
import { getTableName, isTable } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATION_LOCK_KEY, openPostgres, type PostgresConnection } from "../../db/postgres/client.js";
import * as schema from "../../db/postgres/schema.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";

const journal = JSON.parse(readFileSync(new URL("../../db/postgres/migrations/meta/_journal.json", import.meta.url), "utf8")) as {
  entries: unknown[];
};
const schemaTables = Object.values(schema)
  .filter(isTable)
  .map((table) => getTableName(table))
  .sort();
/** "table.column type [not null]" for every column the schema declares, as PostgreSQL spells the type. */
const schemaColumns = Object.values(schema)
  .filter(isTable)
  .flatMap((table) => {
    const { name, columns } = getTableConfig(table as PgTable);
    return columns.map((column) => `${name}.${column.name} ${column.getSQLType().replace(" (", "(")}${column.notNull ? " not null" : ""}`);
  })
  .sort();

describe.skipIf(!postgresUrl)("PostgreSQL migrations", () => {
  let database: FreshDatabase;
  const opened: PostgresConnection[] = [];
  const poolErrors: Error[] = [];
  const open = async (): Promise<PostgresConnection> => {
    const instance = await openPostgres(database.url, { onError: (error) => poolErrors.push(error) });
    opened.push(instance);
    return instance;
  };

  beforeEach(async () => {
    database = await freshPostgresDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((instance) => instance.close()));
    await database.drop();
    expect(poolErrors.splice(0)).toEqual([]);
  });

  it("apply on a fresh database: every table of the schema, each migration recorded once", async () => {
    const { pool } = await open();

    expect(await publicTables(pool)).toEqual(schemaTables);
    expect(await appliedMigrations(pool)).toBe(journal.entries.length);
  });

  it("leave the columns the schema declares (a schema change without db:generate:pg fails here)", async () => {
    const { pool } = await open();

    const { rows } = await pool.query<{ column: string }>(
      `select c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end as column
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`,
    );
    expect(rows.map((row) => row.column).sort()).toEqual(schemaColumns);
  });

  it("two instances starting at once both open, and the migrations run once", async () => {
    const [first, second] = await Promise.all([open(), open()]);

    expect(await publicTables(first.pool)).toEqual(schemaTables);
    expect(await appliedMigrations(second.pool)).toBe(journal.entries.length);
  });

  it("a starting instance waits while another holds the migration lock, then finds the schema", async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      const starting = open();
      await until(async () => (await waitingForAdvisoryLock(holder)) === 1);
      expect(await publicTables(holder)).toEqual([]);

      await holder.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      const { pool } = await starting;
      expect(await publicTables(pool)).toEqual(schemaTables);
    } finally {
      await holder.end();
    }
  });

  it("a Telegram id above 2^31, a ledger amount and a millisecond round-trip exactly", async () => {
    const { db } = await open();
    const telegramId = 7_123_456_789; // above 2^32: a real, recent Telegram user id looks like this
    const at = new Date("2026-01-31T23:59:59.123Z");
    await db.insert(schema.merchants).values({ id: telegramId, chatId: telegramId, firstName: "Sari", createdAt: at, updatedAt: at });
    await db.insert(schema.ledgerEntries).values({ merchantId: telegramId, amount: 3_000_000_000, kind: "topup", createdAt: at });

    const [merchant] = await db.select().from(schema.merchants);
    const [entry] = await db.select().from(schema.ledgerEntries);
    expect(merchant).toMatchObject({ id: telegramId, chatId: telegramId, createdAt: at });
    expect(entry).toMatchObject({ merchantId: telegramId, amount: 3_000_000_000 });
  });
});

type Queryable = pg.Pool | pg.Client;

async function publicTables(client: Queryable): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
  );
  return rows.map((row) => row.name);
}

async function appliedMigrations(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ count: number }>('select count(*)::int as count from drizzle."__drizzle_migrations"');
  return rows[0]!.count;
}

async function waitingForAdvisoryLock(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    "select count(*)::int as count from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())",
  );
  return rows[0]!.count;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
