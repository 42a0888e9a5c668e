import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPostgres } from "../../db/postgres/client.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";

describe.skipIf(!postgresUrl)("the PostgreSQL client", () => {
  let database: FreshDatabase;
  let admin: pg.Client;
  beforeEach(async () => {
    database = await freshPostgresDatabase();
    admin = new pg.Client({ connectionString: postgresUrl! });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.end();
    await database.drop();
  });

  /** Sessions on the test's database, seen from the cluster's admin database. */
  const sessions = async (): Promise<number> => {
    const { rows } = await admin.query<{ count: number }>("select count(*)::int as count from pg_stat_activity where datname = $1", [
      new URL(database.url).pathname.slice(1),
    ]);
    return rows[0]!.count;
  };

  it("close() returns once every pooled connection is gone from the server", async () => {
    const errors: Error[] = [];
    const { pool, close } = await openPostgres(database.url, { onError: (error) => errors.push(error) });
    await Promise.all([1, 2, 3, 4].map(() => pool.query("select pg_sleep(0.05)")));
    expect(await sessions()).toBe(4);

    await close();
    expect(await sessions()).toBe(0);
    expect(errors).toEqual([]);
  });
});
