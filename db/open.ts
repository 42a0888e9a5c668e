import type { Database } from "./database.js";
import { openSqliteDatabase } from "./sqlite/database.js";

export interface DatabaseSettings {
  /** The SQLite file (":memory:" for a throwaway one). */
  databasePath: string;
}

/**
 * The one place a dialect is chosen. Today always SQLite at DATABASE_PATH; a DATABASE_URL selecting PostgreSQL
 * (db/postgres/client.ts's openPostgres behind the same Database port) plugs in here.
 */
export function openDatabase(settings: DatabaseSettings): Promise<Database> {
  // PostgreSQL's open is async; SQLite's throws at once, and becomes the same rejection.
  return new Promise((resolve) => resolve(openSqliteDatabase(settings.databasePath)));
}
