import type { Database, TransactionStores } from "../../db/database.js";
import type { MerchantRow } from "../../db/rows.js";
import type { Clock } from "../clock.js";
import { escapeHtml, formatRupiah } from "../format.js";
import { enqueueNotice } from "../notifications/outbox.js";
import { parseRupiah } from "../payments/amount.js";
import type { Actor } from "./audit.js";

/** A correction larger than this is a typo, not a correction: 100 juta. */
export const MAX_ADJUSTMENT = 100_000_000;
export const MAX_REASON_LENGTH = 200;

export type AdjustmentAmount = { ok: true; amount: number } | { ok: false; reason: "format" | "fraction" | "zero" | "too_large" };

/** "+50000", "-20.000", "50rb" (a credit without a sign): whole rupiah, signed, never zero. */
export function parseAdjustmentAmount(input: string): AdjustmentAmount {
  const match = /^\s*([+\-−]?)\s*(.*)$/s.exec(input)!;
  const [, sign = "", rest = ""] = match;
  const parsed = parseRupiah(rest);
  if (!parsed.ok) return parsed;
  if (parsed.amount === 0) return { ok: false, reason: "zero" };
  if (parsed.amount > MAX_ADJUSTMENT) return { ok: false, reason: "too_large" };
  return { ok: true, amount: sign === "" || sign === "+" ? parsed.amount : -parsed.amount };
}

export type AdjustmentReason = { ok: true; reason: string } | { ok: false; reason: "empty" | "too_long" };

export function parseAdjustmentReason(input: string): AdjustmentReason {
  const reason = input.trim().replace(/\s+/g, " ");
  if (reason === "") return { ok: false, reason: "empty" };
  if (reason.length > MAX_REASON_LENGTH) return { ok: false, reason: "too_long" };
  return { ok: true, reason };
}

/** The merchant as the admin sees them before confirming: plain JSON (kept in a conversation's replay log). */
export interface MerchantAccount {
  id: number;
  name: string;
  username: string | null;
  storeName: string | null;
  balance: number;
}

export interface AdjustmentRequest {
  merchantId: number;
  /** Signed whole rupiah: a credit is positive, a debit negative. */
  amount: number;
  reason: string;
  /** Chosen once by the caller: a confirmation delivered or tapped twice finds the same adjustment. */
  requestKey: string;
  actor: Actor;
}

export type AdjustmentOutcome =
  | { kind: "applied"; adjustmentId: number; balanceBefore: number; balanceAfter: number }
  | { kind: "already_applied"; adjustmentId: number; balance: number }
  | { kind: "insufficient"; balance: number }
  | { kind: "unknown_merchant" };

export interface AdjustmentServiceOptions {
  /** A notice was committed to the outbox: send it now. */
  onNotify?: () => void;
}

/** Manual credits and debits of a merchant's Coin Premium: a ledger row of their own, audited, announced. */
export class AdjustmentService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly options: AdjustmentServiceOptions = {},
  ) {}

  /** By Telegram id ("5001") or username ("@tokosari", "tokosari"). */
  async findMerchant(query: string): Promise<MerchantAccount | undefined> {
    const text = query.trim();
    const { merchants } = this.database.stores;
    let merchant: MerchantRow | undefined;
    if (/^\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text))) merchant = await merchants.byId(Number(text));
    else if (/^@?[A-Za-z0-9_]{3,32}$/.test(text)) merchant = await merchants.byUsername(text.replace(/^@/, ""));
    return merchant && this.accountOf(merchant, await this.database.stores.ledger.balanceOf(merchant.id));
  }

  async account(merchantId: number): Promise<MerchantAccount | undefined> {
    const merchant = await this.database.stores.merchants.byId(merchantId);
    return merchant && this.accountOf(merchant, await this.database.stores.ledger.balanceOf(merchantId));
  }

  /**
   * In one transaction: the balance held (lockBalance) and read, the adjustment and its ledger row, the audit row
   * and the merchant's notice. A debit never takes the balance below zero, whoever else debits at the same time.
   */
  async apply(request: AdjustmentRequest): Promise<AdjustmentOutcome> {
    const now = this.clock.now();
    const outcome = await this.database.transaction((stores) => this.applyIn(stores, request, now));
    if (outcome.kind === "applied") this.options.onNotify?.();
    return outcome;
  }

  private async applyIn(stores: TransactionStores, request: AdjustmentRequest, now: Date): Promise<AdjustmentOutcome> {
    const { merchantId, amount, reason, requestKey, actor } = request;
    const merchant = await stores.merchants.byId(merchantId);
    if (!merchant) return { kind: "unknown_merchant" };
    await stores.ledger.lockBalance(merchantId);
    const balance = await stores.ledger.balanceOf(merchantId);
    // Read after the lock: a first confirmation still committing is seen, not applied a second time.
    const earlier = await stores.adjustments.byRequestKey(requestKey);
    if (earlier) return { kind: "already_applied", adjustmentId: earlier.id, balance };
    const balanceAfter = balance + amount;
    if (balanceAfter < 0) return { kind: "insufficient", balance };

    const adjustment = await stores.adjustments.create({ merchantId, amount, reason, requestKey, ...actor, createdAt: now });
    if (!adjustment) throw new Error(`adjustment ${requestKey} appeared while its merchant's balance was held`);
    await stores.ledger.adjust({ merchantId, amount, adjustmentId: adjustment.id, at: now });
    await stores.audit.append(
      {
        ...actor,
        action: amount > 0 ? "adjustment.credit" : "adjustment.debit",
        objectType: "merchant",
        objectId: String(merchantId),
        reason,
        before: { balance },
        after: { balance: balanceAfter },
      },
      now,
    );
    await enqueueNotice(
      stores,
      {
        dedupeKey: `adjustment:${adjustment.id}`,
        chatId: merchant.chatId,
        key: amount > 0 ? "adjust-notice-credit" : "adjust-notice-debit",
        vars: { amount: formatRupiah(Math.abs(amount)), balance: formatRupiah(balanceAfter), reason: escapeHtml(reason) },
      },
      now,
    );
    return { kind: "applied", adjustmentId: adjustment.id, balanceBefore: balance, balanceAfter };
  }

  private accountOf(merchant: MerchantRow, balance: number): MerchantAccount {
    const name = [merchant.firstName, merchant.lastName].filter(Boolean).join(" ");
    return { id: merchant.id, name, username: merchant.username, storeName: merchant.storeName, balance };
  }
}
