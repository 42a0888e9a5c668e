import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPostgresDatabase, type PostgresDatabase } from "../../db/postgres/database.js";
import { at, gate, seedTopup } from "../contract/engines.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";

// A lost or stuck database turns requests into errors (the HTTP layer answers 5xx, Xendit retries), never into
// hangs, and the same pool serves again once the database answers, without a restart.
describe.skipIf(!postgresUrl)("PostgresDatabase when the database fails", () => {
  let database: FreshDatabase;
  let db: PostgresDatabase;
  let admin: pg.Client;
  const poolErrors: Error[] = [];
  beforeEach(async () => {
    database = await freshPostgresDatabase();
    db = await openPostgresDatabase(database.url, { onError: (error) => poolErrors.push(error), statementTimeoutMs: 300 });
    admin = new pg.Client({ connectionString: postgresUrl! });
    await admin.connect();
  });
  afterEach(async () => {
    await db.close();
    await admin.end();
    await database.drop();
    poolErrors.splice(0);
  });

  /** Ends the server sessions on the test's database that are in `state` (as pg_stat_activity spells it). */
  const terminate = async (state: string): Promise<number> => {
    const { rows } = await admin.query<{ pid: number }>(
      "select pg_terminate_backend(pid), pid from pg_stat_activity where datname = $1 and state = $2",
      [new URL(database.url).pathname.slice(1), state],
    );
    return rows.length;
  };

  it("a settling read waiting on a row lock past the statement timeout fails instead of waiting on", async () => {
    const topup = await seedTopup(db);
    const held = gate();
    const locked = gate();
    const holder = db.transaction(async (s) => {
      await s.topups.byId(topup.id);
      locked.open();
      await held.closed;
    });
    await locked.closed;

    const started = Date.now();
    await expect(db.transaction((s) => s.topups.byId(topup.id))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);

    held.open();
    await holder;
    expect((await db.transaction((s) => s.topups.byId(topup.id)))?.id).toBe(topup.id);
  });

  it("a connection lost in the middle of a transaction fails that transaction only; the next one works", async () => {
    const topup = await seedTopup(db);
    const lost = gate();
    const read = gate();
    const tx = db.transaction(async (s) => {
      await s.topups.byId(topup.id);
      read.open();
      await lost.closed;
      await s.topups.markPaid(topup, "ch-1", at("10:00:30"));
    });
    await read.closed;
    expect(await terminate("idle in transaction")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the client hears of it while checked out: no crash
    lost.open();

    await expect(tx).rejects.toThrow();
    expect((await db.stores.topups.byId(topup.id))?.status).toBe("creating");
    await db.transaction((s) => s.topups.markPaid(topup, "ch-1", at("10:00:40")));
    expect((await db.stores.topups.byId(topup.id))?.status).toBe("succeeded");
  });

  it("idle connections all lost (a server restart): reported, and the next requests open new ones", async () => {
    await Promise.all([1, 2, 3].map(() => db.pool.query("select pg_sleep(0.02)")));
    expect(await terminate("idle")).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 50));

    await expect(db.ping()).resolves.toBeUndefined();
    expect(await db.stores.merchants.byId(1)).toBeUndefined();
    expect(poolErrors.length).toBe(3);
  });
});

describe.skipIf(!postgresUrl)("PostgresDatabase against a server that never answers", () => {
  let silent: Server;
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("opening fails within the connection timeout", async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    await expect(openPostgresDatabase(`postgres://x@127.0.0.1:${port}/none`, { onError: () => {}, connectionTimeoutMs: 300 })).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
