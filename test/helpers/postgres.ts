import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** The run's PostgreSQL cluster (test/helpers/postgres-global-setup.ts); null skips the suites: describe.skipIf(!postgresUrl). */
export const postgresUrl = inject("postgresUrl");

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** An empty database of its own for a test or a file, dropped with whatever is still connected to it. */
export async function freshPostgresDatabase(): Promise<FreshDatabase> {
  if (postgresUrl === null) throw new Error("no PostgreSQL test cluster: guard the suite with describe.skipIf(!postgresUrl)");
  const admin = postgresUrl;
  const name = `test_${randomBytes(6).toString("hex")}`;
  await onAdmin(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onAdmin(admin, `drop database if exists ${name} with (force)`) };
}

async function onAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
