import type { BroadcastRow, RecipientStatus, TopupStatus } from "./rows.js";

// What the stores of both dialects share: the statuses their conditions name and the values they write.

/** A top-up still waiting for the gateway. */
export const OPEN_TOPUP: TopupStatus[] = ["creating", "pending"];
/** Top-ups the payment checks still ask about: open ones, and expired ones with a re-check due. */
export const CHECKED_TOPUP: TopupStatus[] = [...OPEN_TOPUP, "expired"];
/** Succeeded, failed or expired: counted as finalised by the stats. */
export const FINAL_TOPUP: TopupStatus[] = ["succeeded", "failed", "expired"];

/** Recipients a broadcast still has to deal with. */
export const UNFINISHED_RECIPIENT: RecipientStatus[] = ["pending", "sending"];
export const SKIPPED_ERROR = "cancelled";
export const INTERRUPTED_ERROR = "interrupted: delivery unknown";

/** Once reported, a running broadcast is done; a cancelled one stays cancelled. */
export const reportedStatus = (broadcast: BroadcastRow): BroadcastRow["status"] => (broadcast.status === "running" ? "done" : broadcast.status);

/** (status, n) rows as a record. */
export const countsByStatus = (rows: { status: RecipientStatus; n: number }[]): Partial<Record<RecipientStatus, number>> =>
  Object.fromEntries(rows.map((row) => [row.status, row.n]));
