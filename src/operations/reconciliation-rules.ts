import type { TopupRow } from "../../db/rows.js";
import type { Charge } from "../payments/gateway.js";

/** How our books and the gateway's disagree about one payment. */
export const differences = ["not_credited", "not_paid", "amount"] as const;
export type Difference = (typeof differences)[number];

/** What one top-up comes to: compared with the gateway's answer, or why it could not be. */
export type Verdict =
  | { kind: "matched"; paid: boolean }
  | { kind: "difference"; difference: Difference }
  /** No charge id: the create call never answered, so there is nothing to ask the gateway about. */
  | { kind: "unverifiable" }
  /** The gateway did not answer, or answered about another payment: nothing may be concluded. */
  | { kind: "not_checked" };

/**
 * Our side of a payment is "credited" (succeeded: its ledger row exists) or not; the gateway's is "paid" (SUCCEEDED)
 * or not. A refused create (failed with no charge id) is the gateway's own answer: nothing exists on either side.
 */
export function verdictWithoutCharge(topup: TopupRow): Verdict {
  return topup.status === "failed" ? { kind: "matched", paid: false } : { kind: "unverifiable" };
}

export function compare(topup: TopupRow, charge: Charge): Verdict {
  if (charge.id !== topup.chargeId || charge.referenceId !== topup.referenceId) return { kind: "not_checked" };
  const credited = topup.status === "succeeded";
  const paid = charge.status === "SUCCEEDED";
  if (paid && !credited) return { kind: "difference", difference: "not_credited" };
  if (credited && !paid) return { kind: "difference", difference: "not_paid" };
  if (paid && (charge.amount !== topup.amount || charge.currency !== topup.currency)) return { kind: "difference", difference: "amount" };
  return { kind: "matched", paid };
}

/** The exception's reason: what an operator reads in /masalah (technical, like a settlement flag). */
export function differenceReason(difference: Difference, topup: TopupRow, charge: Charge): string {
  const ours = `ours ${topup.status} ${topup.currency} ${topup.amount}`;
  const theirs = `Xendit ${charge.status} ${charge.currency} ${charge.amount}`;
  return `reconciliation ${difference}: ${theirs}, ${ours}`;
}
