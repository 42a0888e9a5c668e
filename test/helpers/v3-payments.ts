import { expect } from "vitest";
import type { PaymentRequest } from "../../src/emulators/xendit/index.js";
import { balanceOf } from "../../src/payments/ledger.js";
import type { MethodId } from "../../src/payments/methods.js";
import type { Topup } from "../../src/payments/topup-service.js";
import { eventually, type Harness } from "./harness.js";
import { merchant, type Merchant } from "./merchant.js";

/**
 * Top-ups by QRIS, virtual account or redirect e-wallet, driven at the service (as the bot's OK does) and settled
 * over real HTTP by the Xendit emulator's v3 webhooks, status checks and cancels.
 */

export const RETURN_URL = "https://t.me/test_bot";

/** A merchant who pressed /start (the row every top-up hangs on). */
export async function startedMerchant(h: Harness, id: number): Promise<Merchant> {
  const m = merchant(h, id);
  await m.say("/start");
  await m.expect("Halo");
  return m;
}

let keys = 0;

/** Starts a top-up and insists it is pending at the gateway, with what the payer is shown. */
export async function startTopup(h: Harness, m: Merchant, method: MethodId, amount = 100_000): Promise<{ topup: Topup; request: PaymentRequest }> {
  const result = await h.app.services.topups.start({ merchantId: m.id, amount, method, requestKey: `v3-${m.id}-${++keys}`, returnUrl: RETURN_URL });
  if (result.kind !== "pending") throw new Error(`top-up not pending: ${result.kind}`);
  const request = h.xendit.paymentRequest(result.topup.chargeId!);
  if (!request) throw new Error("no payment request at the gateway");
  expect(result.topup.payCode).toBe(request.actions[0]!.value);
  return { topup: result.topup, request };
}

export async function topupNow(h: Harness, topupId: number): Promise<Topup> {
  return (await h.app.services.topups.get(topupId))!;
}

export async function balance(h: Harness, m: Merchant): Promise<number> {
  return balanceOf(h.app.services.database.stores, m.id);
}

/** What the bot sent the merchant's chat (sendMessage) containing `text`. */
export function sentTo(h: Harness, m: Merchant, text: string): string[] {
  return h.tg
    .callsFor("sendMessage")
    .filter((call) => call.ok && call.params.chat_id === m.id && String(call.params.text).includes(text))
    .map((call) => String(call.params.text));
}

/** Waits for the top-up to reach `status`, and returns it. */
export async function eventuallyStatus(h: Harness, topupId: number, status: Topup["status"]): Promise<Topup> {
  return eventually(async () => {
    const topup = await topupNow(h, topupId);
    expect(topup.status).toBe(status);
    return topup;
  });
}

/**
 * Paid once, with everything a payment brings: one ledger row for the amount, an invoice, and the success notice
 * naming the amount and the reference, sent once.
 */
export async function expectCreditedOnce(h: Harness, m: Merchant, topup: Topup, { late = false } = {}): Promise<void> {
  const paid = await eventuallyStatus(h, topup.id, "succeeded");
  expect(paid.chargeId).toBe(topup.chargeId);
  expect(await balance(h, m)).toBe(topup.amount);
  expect((await h.table("ledgerEntries")).filter((row) => row.topupId === topup.id)).toMatchObject([{ amount: topup.amount, merchantId: m.id }]);
  expect((await h.table("invoices")).filter((row) => row.topupId === topup.id)).toHaveLength(1);
  const amount = `Rp${topup.amount.toLocaleString("id-ID")}`;
  await eventually(() => expect(sentTo(h, m, topup.referenceId).filter((text) => text.includes(amount))).toHaveLength(1));
  // Recorded as sent too: what a later look at the outbox compares against is settled.
  await eventually(async () => {
    const notices = (await h.table("outbox")).filter((row) => row.kind === "topup.succeeded" && row.payload.topupId === topup.id);
    expect(notices).toMatchObject([{ status: "sent", payload: { late } }]);
  });
}

/** Gives the app's loops (checks, outbox) time to do something they should not. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Everything a webhook could change about money and messages. */
export async function moneyState(h: Harness) {
  return { ledger: await h.table("ledgerEntries"), topups: await h.table("topups"), outbox: await h.table("outbox"), invoices: await h.table("invoices") };
}

/** Outbox kinds announced for the top-up, in order. */
export async function announced(h: Harness, topupId: number): Promise<string[]> {
  return (await h.table("outbox")).filter((row) => row.payload.topupId === topupId).map((row) => row.kind);
}
