import type { Database } from "../../db/database.js";
import type { ExceptionRow, MerchantRow, OutboxRow, TopupRow } from "../../db/rows.js";
import type { Stores } from "../../db/stores.js";
import type { Clock } from "../clock.js";
import { GatewayError, type Charge, type PaymentGateway } from "../payments/gateway.js";
import type { Settlement } from "../payments/settlement.js";

/** Longest reason an operator may give (it is shown in /masalah and /audit, and kept in the audit log). */
export const MAX_REASON_LENGTH = 500;

/** Who resolves it, for the exception and the audit row. */
export interface Actor {
  actorId: number;
  actorName: string;
}

/** An exception with what an operator needs to judge it. */
export interface ExceptionView {
  exception: ExceptionRow;
  topup?: TopupRow;
  /** The top-up's merchant, or the recipient of an undeliverable notification. */
  merchant?: MerchantRow;
  /** The dead notification of an undeliverable one. */
  notification?: OutboxRow;
}

/** What the gateway says about an exception's payment now. */
export type GatewayState =
  | { kind: "charge"; charge: Charge }
  /** The gateway could not be asked (timeout, 5xx, refusal): nothing changes. */
  | { kind: "unavailable"; code: string }
  /** No payment to ask about: a notification, or a top-up whose charge id we never learned. */
  | { kind: "no_charge" }
  | { kind: "not_found" };

/** Why a payment may not be credited now; `charge` when the gateway answered. */
export type CreditRefusal =
  | { kind: "not_found" }
  | { kind: "already_resolved"; exception: ExceptionRow }
  | { kind: "no_charge" }
  | { kind: "unavailable"; code: string }
  /** The gateway answered about another charge or reference: not this payment's word. */
  | { kind: "other_charge"; charge: Charge }
  | { kind: "not_succeeded"; charge: Charge }
  /** Captured in another currency: no amount of Coin Premium corresponds to it. */
  | { kind: "currency"; charge: Charge }
  /** The captured amount is not the one the operator confirmed (it changed since, or none was confirmed). */
  | { kind: "amount_changed"; charge: Charge }
  | { kind: "reason_required" };

/** May be credited: the gateway's charge, and whether it captured another amount than the one asked for. */
export type Creditable = { kind: "creditable"; charge: Charge; expected: number; differs: boolean; view: ExceptionView };

export type CreditResult =
  | CreditRefusal
  | { kind: "credited"; amount: number; balanceAfter: number; merchantId: number }
  /** A late callback or check credited it first: nothing more is credited, the exception is closed as settled. */
  | { kind: "already_credited" };

export type DismissResult = { kind: "dismissed" } | { kind: "not_found" } | { kind: "already_resolved"; exception: ExceptionRow } | { kind: "reason_required" };

export interface ExceptionServiceOptions {
  database: Database;
  gateway: PaymentGateway;
  settlement: Settlement;
  clock: Clock;
  /** A notification was committed (the merchant's credit notice): send it now. */
  onNotify?: () => void;
}

/**
 * What operators do with exceptions (/masalah): look at them, ask the gateway, credit a payment the gateway confirms,
 * or mark one done. Every resolution happens in one transaction with its audit row; resolving an exception that is no
 * longer open changes nothing, so two admins (or a double tap) resolve it once.
 */
export class ExceptionService {
  constructor(private readonly options: ExceptionServiceOptions) {}

  /** Open exceptions, newest first, and how many there are. */
  async openPage(limit: number, offset: number): Promise<{ total: number; items: ExceptionView[] }> {
    const { stores } = this.options.database;
    const [total, rows] = await Promise.all([stores.exceptions.openCount(), stores.exceptions.openPage(limit, offset)]);
    return { total, items: await Promise.all(rows.map((row) => viewOf(stores, row))) };
  }

  async view(id: number): Promise<ExceptionView | undefined> {
    const { stores } = this.options.database;
    const exception = await stores.exceptions.byId(id);
    return exception && viewOf(stores, exception);
  }

  /** Periksa ke Xendit: the gateway's current word on the payment; changes nothing. */
  async inspect(id: number): Promise<GatewayState> {
    const view = await this.view(id);
    if (!view) return { kind: "not_found" };
    if (!view.topup?.chargeId) return { kind: "no_charge" };
    return this.ask(view.topup.chargeId);
  }

  /** Whether the payment may be credited now, asked of the gateway: what the confirmation step shows. */
  async creditable(id: number): Promise<Creditable | CreditRefusal> {
    const view = await this.view(id);
    if (!view) return { kind: "not_found" };
    if (view.exception.resolvedAt) return { kind: "already_resolved", exception: view.exception };
    const topup = view.topup;
    if (!topup?.chargeId || view.exception.kind === "undeliverable") return { kind: "no_charge" };
    const state = await this.ask(topup.chargeId);
    if (state.kind !== "charge") return state.kind === "unavailable" ? state : { kind: "no_charge" };
    const { charge } = state;
    if (charge.id !== topup.chargeId || charge.referenceId !== topup.referenceId) return { kind: "other_charge", charge };
    if (charge.status !== "SUCCEEDED") return { kind: "not_succeeded", charge };
    if (charge.currency !== topup.currency) return { kind: "currency", charge };
    return { kind: "creditable", charge, expected: topup.amount, differs: charge.amount !== topup.amount, view };
  }

  /**
   * Kreditkan: asks the gateway again at this moment, and credits only a SUCCEEDED charge of this payment whose
   * captured amount is `amount`, the one the operator confirmed. A different amount than the one asked for is
   * credited as captured: Coin Premium then matches the money received (the invoice says so too), and the top-up
   * row keeps the amount asked for. A payment credited meanwhile (a late callback won) is not credited again.
   */
  async credit(id: number, { amount, reason, actor }: { amount: number; reason: string; actor: Actor }): Promise<CreditResult> {
    const why = reason.trim();
    if (why === "") return { kind: "reason_required" };
    const checked = await this.creditable(id);
    if (checked.kind !== "creditable") return checked;
    const { charge } = checked;
    if (charge.amount !== amount) return { kind: "amount_changed", charge };
    const topupId = checked.view.topup!.id;
    const now = this.options.clock.now();
    const result = await this.options.database.transaction(async (stores): Promise<CreditResult> => {
      // The settlement's lock order (top-ups first): a callback for the same payment waits for us, or we for it.
      await stores.topups.lockForSettlement([charge.referenceId]);
      const topup = (await stores.topups.byId(topupId))!;
      const already = topup.status === "succeeded";
      const resolved = await stores.exceptions.resolve(id, { resolution: already ? "settled" : "credited", resolvedBy: actor.actorId, reason: why }, now);
      if (!resolved) return { kind: "already_resolved", exception: (await stores.exceptions.byId(id))! };
      const before = { status: topup.status, balance: await stores.ledger.balanceOf(topup.merchantId) };
      const audit = (after: Record<string, unknown>) =>
        stores.audit.append({ ...actor, action: "exception.credit", objectType: "exception", objectId: String(id), reason: why, before, after }, now);
      if (already) {
        await audit({ ...before, credited: 0, resolution: "settled" });
        return { kind: "already_credited" };
      }
      const late = topup.status === "expired";
      const { balanceAfter } = await this.options.settlement.credit(stores, topup, { chargeId: charge.id, amount: charge.amount, late }, now);
      await audit({ status: "succeeded", balance: balanceAfter, credited: charge.amount, expected: topup.amount, chargeId: charge.id, topupId, resolution: "credited" });
      return { kind: "credited", amount: charge.amount, balanceAfter, merchantId: topup.merchantId };
    });
    if (result.kind === "credited") this.options.onNotify?.();
    return result;
  }

  /** Tandai selesai: closes it with the operator's reason; nothing about money changes. */
  async dismiss(id: number, { reason, actor }: { reason: string; actor: Actor }): Promise<DismissResult> {
    const why = reason.trim();
    if (why === "") return { kind: "reason_required" };
    const now = this.options.clock.now();
    return this.options.database.transaction(async (stores): Promise<DismissResult> => {
      const exception = await stores.exceptions.byId(id);
      if (!exception) return { kind: "not_found" };
      const resolved = await stores.exceptions.resolve(id, { resolution: "dismissed", resolvedBy: actor.actorId, reason: why }, now);
      if (!resolved) return { kind: "already_resolved", exception: (await stores.exceptions.byId(id))! };
      const before = { kind: exception.kind, key: exception.key, reason: exception.reason };
      await stores.audit.append({ ...actor, action: "exception.dismiss", objectType: "exception", objectId: String(id), reason: why, before, after: { resolution: "dismissed" } }, now);
      return { kind: "dismissed" };
    });
  }

  private async ask(chargeId: string): Promise<GatewayState> {
    try {
      return { kind: "charge", charge: await this.options.gateway.getCharge(chargeId) };
    } catch (error) {
      if (error instanceof GatewayError) return { kind: "unavailable", code: error.code };
      throw error;
    }
  }
}

async function viewOf(stores: Stores, exception: ExceptionRow): Promise<ExceptionView> {
  const [topup, notification] = await Promise.all([
    exception.topupId === null ? undefined : stores.topups.byId(exception.topupId),
    exception.outboxId === null ? undefined : stores.outbox.byId(exception.outboxId),
  ]);
  // A private chat's id is its user's id: the recipient of a notification is the merchant with that id.
  const merchantId = topup?.merchantId ?? notification?.chatId;
  const merchant = merchantId === undefined ? undefined : await stores.merchants.byId(merchantId);
  return { exception, topup, merchant, notification };
}
