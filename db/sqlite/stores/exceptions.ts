import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { ExceptionStore } from "../../stores.js";
import type { Db } from "../client.js";
import { preparedPerDb } from "../prepared.js";
import { exceptions } from "../schema.js";
import type { Sync } from "./sync.js";

const isOpen = isNull(exceptions.resolvedAt);

/** Every credit asks whether it settles an open exception: prepared once. */
const queries = preparedPerDb((db) => ({
  openOfTopup: db.select().from(exceptions).where(and(isOpen, eq(exceptions.topupId, sql.placeholder("topupId")))).prepare(),
}));

export function exceptionStore(db: Db): Sync<ExceptionStore> {
  const q = queries(db);
  return {
    open: ({ key, kind, topupId = null, outboxId = null, reason }, now) =>
      db.insert(exceptions).values({ key, kind, topupId, outboxId, reason, openedAt: now }).onConflictDoNothing({ target: exceptions.key }).returning().get(),
    byId: (id) => db.select().from(exceptions).where(eq(exceptions.id, id)).get(),
    openPage: (limit, offset) => db.select().from(exceptions).where(isOpen).orderBy(desc(exceptions.openedAt), desc(exceptions.id)).limit(limit).offset(offset).all(),
    openCount: () => db.select({ n: count() }).from(exceptions).where(isOpen).get()?.n ?? 0,
    openOfTopup: (topupId) => q.openOfTopup.all({ topupId }),
    resolve: (id, { resolution, resolvedBy, reason }, now) =>
      db
        .update(exceptions)
        .set({ resolution, resolvedBy, resolutionReason: reason, resolvedAt: now })
        .where(and(eq(exceptions.id, id), isOpen))
        .returning()
        .get(),
  };
}
