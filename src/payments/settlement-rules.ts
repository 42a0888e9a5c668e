import type { TopupState } from "../../db/database.js";
import type { TopupRow, TopupStatus } from "../../db/rows.js";
import type { Charge } from "./gateway.js";

export const OPEN_STATUSES: TopupStatus[] = ["creating", "pending"];

/** One gateway report; `confirmation` is the gateway's own answer about a callback's charge, when one was needed. */
export interface Report {
  charge: Charge;
  source: "callback" | "check";
  rawBody?: string;
  event?: string;
  confirmation?: Charge;
}

/** What a report does to a top-up. */
export type Decision =
  | { kind: "credit"; chargeId: string; late: boolean }
  | { kind: "fail"; failureCode: string; chargeId: string }
  | { kind: "mark_pending"; chargeId: string }
  /** The gateway ended an unpaid payment request (v3: EXPIRED, or CANCELED outside our own cancel). */
  | { kind: "expire"; failureCode: string }
  | { kind: "flag"; reason: string }
  | { kind: "stale" }
  | { kind: "duplicate" }
  /** A success that needed the gateway's confirmation arrived without it: nothing may be decided. */
  | { kind: "unconfirmed" };

/** What became of one gateway report (callback or our own check). */
export type SettleOutcome = "credited" | "failed" | "expired" | "pending" | "duplicate" | "stale" | "mismatch" | "unknown";

/** A success we can match by charge id is the gateway's word; one for a top-up with no charge id yet is not. */
export function needsConfirmation(topup: TopupState, charge: Charge): boolean {
  return charge.status === "SUCCEEDED" && topup.chargeId === null && topup.status !== "succeeded";
}

/**
 * What a callback comes to when it repeats what the top-up has already taken in: a success for a credited top-up
 * (duplicate), or a report the top-up has moved past (stale). Both stay so whatever happens meanwhile (a status only
 * moves forward, and a charge id once set stays), so a read of the committed row answers it without a write
 * transaction. Undefined when the callback may change something, or when the top-up has no charge id yet (the
 * first id to arrive decides whether a report is ours).
 */
export function repeatOutcome(topup: TopupState, charge: Charge): "duplicate" | "stale" | undefined {
  if (topup.chargeId !== charge.id) return undefined;
  const decision = decideCharge(topup, charge);
  return decision.kind === "duplicate" || decision.kind === "stale" ? decision.kind : undefined;
}

/** The settlement rules: a pure function of the top-up as it is now and the report. */
export function decide(topup: TopupRow, { charge, source, confirmation }: Report): Decision {
  if (source === "check" || !needsConfirmation(topup, charge)) return decideCharge(topup, charge);
  if (!confirmation) return { kind: "unconfirmed" };
  const same = confirmation.id === charge.id && confirmation.referenceId === topup.referenceId;
  if (!same || confirmation.status !== "SUCCEEDED") {
    return { kind: "flag", reason: `SUCCEEDED callback not confirmed by the gateway (${same ? confirmation.status : "another charge"})` };
  }
  return decideCharge(topup, confirmation);
}

function decideCharge(topup: TopupState, charge: Charge): Decision {
  if (topup.chargeId && topup.chargeId !== charge.id) return { kind: "flag", reason: `charge id ${charge.id} differs` };
  switch (charge.status) {
    case "SUCCEEDED":
      return decideSucceeded(topup, charge);
    case "FAILED":
      return decideFailed(topup, charge.failureCode ?? "UNKNOWN", charge.id);
    case "PENDING":
      return topup.status === "creating" ? { kind: "mark_pending", chargeId: charge.id } : { kind: "stale" };
    case "EXPIRED":
    case "CANCELED":
      // Unpaid and closed at the gateway: no longer payable, so the merchant is freed; a payment after all is credited.
      return OPEN_STATUSES.includes(topup.status) ? { kind: "expire", failureCode: charge.status === "EXPIRED" ? "EXPIRED" : "CANCELLED" } : { kind: "stale" };
    default:
      // Voided or refunded before we credited it: the money went back, so the top-up failed. After a credit,
      // reversing it is an operator's decision (Xendit's dashboard); nothing here takes Coin Premium back.
      return decideFailed(topup, charge.status, charge.id);
  }
}

function decideSucceeded(topup: TopupState, charge: Charge): Decision {
  if (topup.status === "succeeded") return { kind: "duplicate" };
  if (charge.currency !== topup.currency || charge.amount !== topup.amount) {
    return { kind: "flag", reason: `paid ${charge.currency} ${charge.amount}, expected ${topup.currency} ${topup.amount}` };
  }
  // A gateway failure is final; our own "expired" was only a guess, and money that arrived late is credited.
  if (topup.status === "failed") return { kind: "flag", reason: "SUCCEEDED after FAILED" };
  return { kind: "credit", chargeId: charge.id, late: topup.status === "expired" };
}

function decideFailed(topup: TopupState, failureCode: string, chargeId: string): Decision {
  return OPEN_STATUSES.includes(topup.status) ? { kind: "fail", failureCode, chargeId } : { kind: "stale" };
}

export function outcomeOf(decision: Exclude<Decision, { kind: "unconfirmed" }>): SettleOutcome {
  switch (decision.kind) {
    case "credit":
      return "credited";
    case "fail":
      return "failed";
    case "mark_pending":
      return "pending";
    case "expire":
      return "expired";
    case "flag":
      return "mismatch";
    default:
      return decision.kind;
  }
}
