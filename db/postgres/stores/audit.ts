import { desc } from "drizzle-orm";
import type { AuditStore } from "../../stores.js";
import { auditLog } from "../schema.js";
import { returnedOf, type Bound } from "./executor.js";

export function auditStore({ db }: Bound): AuditStore {
  return {
    append: ({ actorId, actorName, action, objectType = null, objectId = null, reason = null, before = null, after = null }, now) =>
      returnedOf(db.insert(auditLog).values({ at: now, actorId, actorName, action, objectType, objectId, reason, before, after }).returning()),
    latest: (limit, offset) => db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset),
  };
}
