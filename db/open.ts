import type { Database } from "./database.js";
import { openPostgresDatabase } from "./postgres/database.js";
import { openSqliteDatabase } from "./sqlite/database.js";

export type DatabaseSettings =
  /** The SQLite file (":memory:" for a throwaway one): the embedded default. */
  | { databasePath: string; databaseUrl?: undefined }
  /**
   * postgres://…: the pool behind the port (migrated under the advisory lock). A pooled connection that fails while
   * idle is reported to onPoolError; the pool replaces it by itself.
   */
  | { databaseUrl: string; onPoolError: (error: Error) => void };

/** The one place a dialect is chosen (DATABASE_URL is not read from the environment yet: see issue 10). */
export function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl !== undefined) return openPostgresDatabase(settings.databaseUrl, { onError: settings.onPoolError });
  // SQLite's open throws at once, and becomes the same rejection as PostgreSQL's.
  return new Promise((resolve) => resolve(openSqliteDatabase(settings.databasePath)));
}
