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

/** How to open another instance on a PostgreSQL test database; closed with the database. */
const peers = new WeakMap<Database, () => Promise<Database>>();

const postgres: Engine = {
  name: "postgres",
  serial: false,
  async open() {
    const fresh = await freshPostgresDatabase({ migrated: true });
    const connect = () =>
      openDatabase({
        databaseUrl: fresh.url,
        onPoolError: (error) => {
          throw error;
        },
      });
    const db = await connect();
    const opened: Database[] = [];
    peers.set(db, async () => {
      const peer = await connect();
      opened.push(peer);
      return peer;
    });
    const close = db.close.bind(db);
    db.close = async () => {
      await Promise.all(opened.map((peer) => peer.close()));
      await close();
      await fresh.drop();
    };
    return db;
  },
};

/**
 * Another instance on the same database, as a second process of the cluster would have: on PostgreSQL a Database
 * with its own pool; on SQLite the same one (one process owns the file, its one connection is the only way in).
 */
export function peer(db: Database): Promise<Database> {
  return peers.get(db)?.() ?? Promise.resolve(db);
}

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

/**
 * Runs the claimers side by side, each claiming again until it gets nothing (or `max` times, so that a claim that
 * keeps returning the same row ends too); returns every id claimed, by whichever claimer.
 */
export async function claimSideBySide(claimers: (() => Promise<{ id: number } | undefined>)[], max: number): Promise<number[]> {
  const claimed: number[] = [];
  await Promise.all(
    claimers.map(async (claim) => {
      for (let n = 0; n < max; n++) {
        const row = await claim();
        if (!row) return;
        claimed.push(row.id);
      }
    }),
  );
  return claimed;
}
