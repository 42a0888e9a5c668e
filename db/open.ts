import type { Database } from "./database.js";

export type DatabaseSettings =
  /** The SQLite file (":memory:" for a throwaway one): the embedded default. */
  | { databasePath: string; databaseUrl?: undefined }
  /**
   * postgres://…: the pool behind the port (migrated under the advisory lock). A pooled connection that fails while
   * idle is reported to onPoolError; the pool replaces it by itself.
   */
  | { databaseUrl: string; onPoolError: (error: Error) => void };

/**
 * The one place a dialect is chosen: PostgreSQL when DATABASE_URL is set, SQLite at DATABASE_PATH otherwise. Only the
 * chosen dialect's driver, schema and stores are loaded: on SQLite, pg, drizzle's node-postgres and our PostgreSQL
 * schema and stores would cost start-up time and ~5 MB of idle memory for nothing.
 */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl !== undefined) {
    const { openPostgresDatabase } = await import("./postgres/database.js");
    // pg's messages ("connect ECONNREFUSED 10.0.0.5:5432", "password authentication failed") never name the setting.
    return openPostgresDatabase(settings.databaseUrl, { onError: settings.onPoolError }).catch((error: unknown) => {
      throw new Error(`cannot open the PostgreSQL database at DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
  }
  const { openSqliteDatabase } = await import("./sqlite/database.js");
  // SQLite's open throws at once, and becomes the same rejection as PostgreSQL's (this function is async).
  return openSqliteDatabase(settings.databasePath);
}
