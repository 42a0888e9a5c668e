import type { Database } from "../../db/database.js";
import type { AuditRow } from "../../db/rows.js";

export type { AuditRow } from "../../db/rows.js";

/** Who did it: an admin's Telegram id and the name Telegram showed for them (src/bot/admin.ts actorOf). */
export interface Actor {
  actorId: number;
  actorName: string;
}

export interface AuditPage {
  rows: AuditRow[];
  page: number;
  hasNext: boolean;
}

/** The audit log as /audit reads it: the latest rows, newest first, a page at a time. */
export class AuditLog {
  constructor(private readonly database: Database) {}

  /** One row more than a page tells whether a next page exists, without counting the whole log. */
  async page(page: number, pageSize: number): Promise<AuditPage> {
    const rows = await this.database.stores.audit.latest(pageSize + 1, page * pageSize);
    return { rows: rows.slice(0, pageSize), page, hasNext: rows.length > pageSize };
  }
}
