import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { isNotNull } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { projectRoot } from "../../src/project-root.js";
import * as schema from "./schema.js";

export type Db = BetterSQLite3Database<typeof schema>;

const migrationsFolder = join(projectRoot, "db", "sqlite", "migrations");

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openSqlite(path: string): { db: Db; sqlite: Database.Database } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  // Each callback of a settlement batch runs in a savepoint, whose undo log (the sub-journal) SQLite spills to a
  // temporary file past 64 KiB by default: 85 % of a credit's write syscalls and bytes went there (bench: webhook
  // row, 0.65× → 0.85× of bare express). It holds the pages a savepoint changed, so memory is the cheaper place.
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("foreign_keys = ON");
  // Another process (or a test's second instance) may hold the write lock briefly.
  sqlite.pragma("busy_timeout = 5000");
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrateWithoutForeignKeys(sqlite, db);
  releaseClaims(db);
  return { db, sqlite };
}

/**
 * A migration that rebuilds a table others refer to (SQLite cannot drop NOT NULL in place) must run with foreign
 * keys off: the migrator's transaction makes the migration's own PRAGMA a no-op. SQLite's documented procedure:
 * off, migrate, foreign_key_check, on.
 */
function migrateWithoutForeignKeys(sqlite: Database.Database, db: Db): void {
  sqlite.pragma("foreign_keys = OFF");
  migrate(db, { migrationsFolder });
  const violations = sqlite.pragma("foreign_key_check") as unknown[];
  if (violations.length > 0) throw new Error(`migration left ${violations.length} foreign key violations`);
  sqlite.pragma("foreign_keys = ON");
}

/**
 * One process owns a SQLite file, so a claim found when it opens was held by a process that has ended: it is void
 * at once rather than when it runs out (a notification or check cut off by a crash waits for no one).
 */
function releaseClaims(db: Db): void {
  db.update(schema.outbox).set({ claimedUntil: null }).where(isNotNull(schema.outbox.claimedUntil)).run();
  db.update(schema.topups).set({ claimedUntil: null }).where(isNotNull(schema.topups.claimedUntil)).run();
}


/**
 * drizzle compiles each query's SQL again on every call (better-sqlite3's prepare was the largest single cost
 * of a payment callback). Statements are reusable, so the same SQL text gets the same statement back, with the
 * result modes that drizzle and callers toggle per call (raw, pluck, expand) reset. Bounded; oldest out first.
 */
function cacheStatements(sqlite: Database.Database, max = 1_000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    } else if (statement.reader) {
      statement.raw(false).pluck(false).expand(false);
    }
    return statement;
  }) as typeof sqlite.prepare;
}
