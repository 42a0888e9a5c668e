import { afterEach, beforeEach, describe } from "vitest";
import type { Database } from "../../db/database.js";
import { openDatabase } from "../../db/open.js";
import { freshPostgresDatabase, postgresUrl } from "../helpers/postgres.js";

export interface Engine {
  name: string;
  /** A new, empty database; its close() also throws it away. */
  open: () => Promise<Database>;
  /** Transactions and reads run one at a time (SQLite's single connection), not side by side (PostgreSQL's pool). */
  serial: boolean;
}

const sqlite: Engine = { name: "sqlite", serial: true, open: () => openDatabase({ databasePath: ":memory:" }) };

const postgres: Engine = {
  name: "postgres",
  serial: false,
  async open() {
    const fresh = await freshPostgresDatabase({ migrated: true });
    const db = await openDatabase({
      databaseUrl: fresh.url,
      onPoolError: (error) => {
        throw error;
      },
    });
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      await fresh.drop();
    };
    return db;
  },
};

/**
 * Every Database implementation the contract suites run against. Without a PostgreSQL server the global setup has
 * said so in one line and only SQLite runs (under CI it fails instead).
 */
export const engines: Engine[] = postgresUrl ? [sqlite, postgres] : [sqlite];

export const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);

export function profile(id: number) {
  return { id, chatId: id, firstName: `M${id}`, lastName: null, username: null, telegramLanguage: "id" };
}

/** A merchant with one top-up in "creating". */
export async function seedTopup(db: Database, merchantId = 1, suffix = "a") {
  await db.stores.merchants.register(profile(merchantId), at("10:00:00"));
  return newTopup(db, merchantId, suffix);
}

/** A promise and its resolve, to hold a transaction open until the test lets it go. */
export function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => (open = resolve));
  return { closed, open };
}

/** A contract block run once per engine, each test on a new, empty database. */
export function contract(title: string, body: (db: () => Database, engine: Engine) => void): void {
  describe.each(engines)(`${title} ($name)`, (engine) => {
    let db: Database;
    beforeEach(async () => (db = await engine.open()));
    afterEach(() => db.close());
    body(() => db, engine);
  });
}

/** Another top-up of a registered merchant, in "creating". */
export function newTopup(db: Database, merchantId: number, suffix: string, fields: { phone?: string; createdAt?: Date; checkAt?: Date | null; amount?: number } = {}) {
  return db.stores.topups.create({
    referenceId: `ref-${merchantId}-${suffix}`,
    requestKey: `key-${merchantId}-${suffix}`,
    merchantId,
    amount: fields.amount ?? 100_000,
    phone: fields.phone ?? "+6281234567890",
    createdAt: fields.createdAt ?? at("10:00:00"),
    checkAt: fields.checkAt === undefined ? at("10:01:10") : fields.checkAt,
  });
}
