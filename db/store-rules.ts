import { desc, sql } from "drizzle-orm";
import type { AdjustmentRow, BroadcastRow, RecipientStatus, TopupRow, TopupStatus } from "./rows.js";
import type { HistoryEntry } from "./stores.js";

// What the stores of both dialects share: the statuses their conditions name and the values they write.

/** A top-up still waiting for the gateway. */
export const OPEN_TOPUP: TopupStatus[] = ["creating", "pending"];
/** Top-ups the payment checks still ask about: open ones, and expired ones with a re-check due. */
export const CHECKED_TOPUP: TopupStatus[] = [...OPEN_TOPUP, "expired"];
/** Succeeded, failed or expired: counted as finalised by the stats. */
export const FINAL_TOPUP: TopupStatus[] = ["succeeded", "failed", "expired"];

/** What paying a top-up writes. */
export const paidFields = (chargeId: string, now: Date) =>
  ({ status: "succeeded", chargeId, paidAt: now, finalizedAt: now, updatedAt: now, checkAt: null, claimedUntil: null }) as const;

/** Recipients a broadcast still has to deal with. */
export const UNFINISHED_RECIPIENT: RecipientStatus[] = ["pending", "sending"];
export const SKIPPED_ERROR = "cancelled";
export const INTERRUPTED_ERROR = "interrupted: delivery unknown";

/** Once reported, a running broadcast is done; a cancelled one stays cancelled. */
export const reportedStatus = (broadcast: BroadcastRow): BroadcastRow["status"] => (broadcast.status === "running" ? "done" : broadcast.status);

/** (status, n) rows as a record. */
export const countsByStatus = (rows: { status: RecipientStatus; n: number }[]): Partial<Record<RecipientStatus, number>> =>
  Object.fromEntries(rows.map((row) => [row.status, row.n]));

/** A line of History Pembayaran as the union of top-ups and adjustments names it: which table, which row. */
export interface HistoryKey {
  kind: HistoryEntry["kind"];
  id: number;
}

/**
 * The order of History Pembayaran over the union's columns (kind, id, at): newest first; of two at the same
 * moment the top-up first, then the higher id. A total order, so consecutive pages neither skip nor repeat.
 */
export const historyOrder = [desc(sql`at`), desc(sql`kind`), desc(sql`id`)];

/** The page's rows in the order of its keys. */
export function historyEntries(keys: HistoryKey[], topups: TopupRow[], adjustments: AdjustmentRow[]): HistoryEntry[] {
  const topupById = new Map(topups.map((row) => [row.id, row]));
  const adjustmentById = new Map(adjustments.map((row) => [row.id, row]));
  return keys.map((key): HistoryEntry =>
    key.kind === "topup" ? { kind: "topup", topup: topupById.get(key.id)! } : { kind: "adjustment", adjustment: adjustmentById.get(key.id)! },
  );
}

/** The ids of one kind among a page's keys. */
export const idsOf = (keys: HistoryKey[], kind: HistoryKey["kind"]): number[] => keys.filter((key) => key.kind === kind).map((key) => key.id);
