import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { MIGRATED_TEMPLATE } from "./postgres-cluster.js";

/** The run's PostgreSQL cluster (test/helpers/postgres-global-setup.ts); null skips the suites: describe.skipIf(!postgresUrl). */
export const postgresUrl = inject("postgresUrl");

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for a test or a file, dropped with whatever is still connected to it: empty, or `migrated`
 * (a copy of the run's migrated template, quicker than migrating; the app's own migration then finds nothing to do).
 */
export async function freshPostgresDatabase(options: { migrated?: boolean } = {}): Promise<FreshDatabase> {
  if (!postgresUrl) throw new Error("no PostgreSQL test cluster: guard the suite with describe.skipIf(!postgresUrl)");
  const admin = postgresUrl;
  const name = options.migrated ? await takeMigratedCopy(admin) : await createDatabase(admin);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onAdmin(admin, `drop database if exists ${name} with (force)`) };
}

/**
 * The next migrated copy is made while the current test runs (a copy takes 0.1–0.2 s, most of a harness's start).
 * The last one of a file is never taken: it goes with the cluster.
 */
let nextCopy: Promise<string> | undefined;

function takeMigratedCopy(admin: string): Promise<string> {
  const taken = nextCopy ?? createDatabase(admin, MIGRATED_TEMPLATE);
  nextCopy = createDatabase(admin, MIGRATED_TEMPLATE);
  // Its failure is reported to the test that takes it.
  nextCopy.catch(() => {});
  return taken;
}

async function createDatabase(admin: string, template?: string): Promise<string> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  await onAdmin(admin, `create database ${name}${template === undefined ? "" : ` template ${template}`}`);
  return name;
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
