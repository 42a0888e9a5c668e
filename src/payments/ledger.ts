import type { Stores } from "../../db/stores.js";

/** The balance is never stored: it is the sum of the merchant's ledger rows. */
export function balanceOf(stores: Stores, merchantId: number): Promise<number> {
  return stores.ledger.balanceOf(merchantId);
}

/**
 * Credits a paid top-up; call it with the stores of the transaction that marks the top-up paid. The unique
 * topup_id makes a second credit for the same payment fail loudly. Returns the balance after the credit.
 */
export async function creditTopup(stores: Stores, entry: { merchantId: number; amount: number; topupId: number; at: Date }): Promise<number> {
  await stores.ledger.credit(entry);
  return stores.ledger.balanceOf(entry.merchantId);
}
