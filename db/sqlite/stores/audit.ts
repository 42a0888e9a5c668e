import { desc } from "drizzle-orm";
import type { AuditStore } from "../../stores.js";
import type { Db } from "../client.js";
import { auditLog } from "../schema.js";
import type { Sync } from "./sync.js";

export function auditStore(db: Db): Sync<AuditStore> {
  return {
    append: ({ actorId, actorName, action, objectType = null, objectId = null, reason = null, before = null, after = null }, now) =>
      db.insert(auditLog).values({ at: now, actorId, actorName, action, objectType, objectId, reason, before, after }).returning().get(),
    latest: (limit, offset) => db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset).all(),
  };
}
