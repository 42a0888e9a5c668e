import { eq, lt } from "drizzle-orm";
import type { ProcessedUpdates } from "../coordination.js";
import type { PgDb } from "./client.js";
import { processedUpdates } from "./schema.js";

export function postgresProcessedUpdates(db: PgDb): ProcessedUpdates {
  return {
    async seen(updateId) {
      const rows = await db.select({ updateId: processedUpdates.updateId }).from(processedUpdates).where(eq(processedUpdates.updateId, updateId));
      return rows.length > 0;
    },
    async claim(updateId, now) {
      const result = await db.insert(processedUpdates).values({ updateId, processedAt: now }).onConflictDoNothing();
      return result.rowCount === 1;
    },
    async prune(before) {
      const result = await db.delete(processedUpdates).where(lt(processedUpdates.processedAt, before));
      return result.rowCount ?? 0;
    },
  };
}
