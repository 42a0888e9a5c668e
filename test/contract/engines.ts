import type { Database } from "../../db/database.js";
import { openPostgresDatabase } from "../../db/postgres/database.js";
import { openSqliteDatabase } from "../../db/sqlite/database.js";
import { freshPostgresDatabase, postgresUrl } from "../helpers/postgres.js";

export interface Engine {
  name: string;
  /** A new, empty database; its close() also throws it away. */
  open: () => Promise<Database>;
  /** Transactions and reads run one at a time (SQLite's single connection), not side by side (PostgreSQL's pool). */
  serial: boolean;
}

const sqlite: Engine = { name: "sqlite", serial: true, open: () => Promise.resolve(openSqliteDatabase(":memory:")) };

const postgres: Engine = {
  name: "postgres",
  serial: false,
  async open() {
    const fresh = await freshPostgresDatabase();
    const db = await openPostgresDatabase(fresh.url, {
      onError: (error) => {
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
  return db.stores.topups.create({
    referenceId: `ref-${merchantId}-${suffix}`,
    requestKey: `key-${merchantId}-${suffix}`,
    merchantId,
    amount: 100_000,
    phone: "+6281234567890",
    createdAt: at("10:00:00"),
    checkAt: at("10:01:10"),
  });
}

/** A promise and its resolve, to hold a transaction open until the test lets it go. */
export function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => (open = resolve));
  return { closed, open };
}
