import type { TopupRow } from "../../db/rows.js";
import type { Stores } from "../../db/stores.js";

export type { OutboxMessage } from "../../db/stores.js";
export type { OutboxRow } from "../../db/rows.js";

/**
 * Announces a change of a top-up to its merchant; call it with the stores of the transaction that makes the
 * change. One row per (top-up, event): announcing the same thing again is ignored.
 */
export async function announceTopup(
  stores: Stores,
  topup: TopupRow,
  event: "succeeded" | "failed" | "expired",
  extra: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const merchant = await stores.merchants.byId(topup.merchantId);
  if (!merchant) return;
  await stores.outbox.enqueue(
    { dedupeKey: `topup:${topup.id}:${event}`, chatId: merchant.chatId, kind: `topup.${event}`, payload: { topupId: topup.id, ...extra } },
    now,
  );
}
