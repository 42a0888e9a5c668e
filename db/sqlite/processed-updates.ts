import { eq, lt } from "drizzle-orm";
import type { ProcessedUpdates } from "../coordination.js";
import type { SqliteDatabase } from "./database.js";
import { processedUpdates } from "./schema.js";

/** Through the database's one mutex, like every other access: a transaction may be open on the connection. */
export function sqliteProcessedUpdates(database: SqliteDatabase): ProcessedUpdates {
  return {
    seen: (updateId) =>
      database.exclusive((db) => db.select().from(processedUpdates).where(eq(processedUpdates.updateId, updateId)).get() !== undefined),
    claim: (updateId, now) =>
      database.exclusive(
        (db) => db.insert(processedUpdates).values({ updateId, processedAt: now }).onConflictDoNothing().run().changes === 1,
      ),
    prune: (before) => database.exclusive((db) => db.delete(processedUpdates).where(lt(processedUpdates.processedAt, before)).run().changes),
  };
}
