import type { OutboxRow } from "../../db/rows.js";
import type { Stores } from "../../db/stores.js";

// Where exceptions open and close by themselves: each is called with the stores of the transaction that makes the
// change it is about, and keyed by its cause (the keys of STATE12), so that a retried or concurrent write opens
// nothing twice. What an operator does with them is src/operations/exceptions.ts.

/** A gateway report the settlement refused (amount or charge id differs, SUCCEEDED after FAILED, unconfirmed). */
export async function openFlagged(stores: Stores, topupId: number, reason: string, now: Date): Promise<void> {
  await stores.exceptions.open({ key: `flagged:${topupId}`, kind: "flagged", topupId, reason }, now);
}

/** A notification the dispatcher gave up on (Telegram refused it, or nothing can render it). */
export async function openUndeliverable(stores: Stores, row: OutboxRow, error: string, now: Date): Promise<void> {
  const topupId = typeof row.payload.topupId === "number" ? row.payload.topupId : null;
  await stores.exceptions.open({ key: `undeliverable:${row.id}`, kind: "undeliverable", outboxId: row.id, topupId, reason: error }, now);
}

/** A payment whose checks ended without a final answer from the gateway: only an operator can find out more. */
export async function openStuck(stores: Stores, topupId: number, reason: string, now: Date): Promise<void> {
  await stores.exceptions.open({ key: `stuck:${topupId}`, kind: "stuck", topupId, reason }, now);
}

/**
 * The gateway settled a top-up after all (a late callback or check, or an operator's credit): the exceptions this
 * makes moot are closed as "settled" — a stuck payment, and a reconciliation's "paid there, not credited here"
 * once it is credited. A flagged report stays open: it says the gateway once reported something we refused (a
 * second charge, another amount), which a later settlement of the top-up does not explain; an operator looks at it.
 * One indexed query on the hot path; nothing more when the top-up has no open exception.
 */
export async function closeSettled(stores: Stores, topupId: number, outcome: "credited" | "failed", now: Date): Promise<void> {
  const open = await stores.exceptions.openOfTopup(topupId);
  for (const exception of open) {
    const moot = exception.kind === "stuck" || (outcome === "credited" && exception.kind === "reconciliation" && exception.key.endsWith(":not_credited"));
    if (moot) await stores.exceptions.resolve(exception.id, { resolution: "settled", resolvedBy: null, reason: `gateway ${outcome}` }, now);
  }
}
