import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { ExceptionStore } from "../../stores.js";
import { exceptions } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

const isOpen = isNull(exceptions.resolvedAt);

export function exceptionStore({ db }: Bound): ExceptionStore {
  return {
    open: ({ key, kind, topupId = null, outboxId = null, reason }, now) =>
      firstOf(db.insert(exceptions).values({ key, kind, topupId, outboxId, reason, openedAt: now }).onConflictDoNothing({ target: exceptions.key }).returning()),
    byId: (id) => firstOf(db.select().from(exceptions).where(eq(exceptions.id, id))),
    openPage: (limit, offset) => db.select().from(exceptions).where(isOpen).orderBy(desc(exceptions.openedAt), desc(exceptions.id)).limit(limit).offset(offset),
    openCount: async () => (await firstOf(db.select({ n: count() }).from(exceptions).where(isOpen)))?.n ?? 0,
    openOfTopup: (topupId) => db.select().from(exceptions).where(and(isOpen, eq(exceptions.topupId, topupId))),
    // Of two admins resolving the same exception, the second's update finds it resolved and returns nothing.
    resolve: (id, { resolution, resolvedBy, reason }, now) =>
      firstOf(
        db
          .update(exceptions)
          .set({ resolution, resolvedBy, resolutionReason: reason, resolvedAt: now })
          .where(and(eq(exceptions.id, id), isOpen))
          .returning(),
      ),
  };
}
