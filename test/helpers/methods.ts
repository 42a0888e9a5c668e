import { Api, InputFile } from "grammy";
import type { Charge, ChargeStatus } from "../../src/payments/gateway.js";
import { methodById, type MethodId } from "../../src/payments/methods.js";
import type { Topup } from "../../src/payments/topup-service.js";
import type { Harness } from "./harness.js";
import type { Merchant } from "./merchant.js";

const DAY_MS = 24 * 3_600_000;

/** What the gateway would have given the payer, by flow: what the prompt shows and the top-up keeps as its payCode. */
const payCodes = {
  push: null,
  redirect: "https://checkout.example.test/pay",
  qr: "00020101021226660014ID.CO.QRIS.WWW0118936009180000000000215ID10200000000000303UMI51440014ID.CO.QRIS.WWW",
  va: "880812345678",
} as const;

let created = 0;

export interface OpenTopupOptions {
  amount?: number;
  /** Also send the QR photo, or the account / checkout text, and record it as the top-up's prompt (like the bot does). */
  prompt?: boolean;
}

/**
 * A pending top-up of any method written straight into the database, with a charge id of its API and the payCode a
 * create would have stored: for tests of what comes after a start, without the gateway's emulator. Its checks are a
 * day away, so that the payment-check loop leaves it alone; settle it with `settle(h, topup, status)`.
 */
export async function openTopup(h: Harness, m: Merchant, id: MethodId, { amount = 100_000, prompt = false }: OpenTopupOptions = {}): Promise<Topup> {
  const method = methodById(id);
  const { stores } = h.app.services.database;
  const now = h.clock.now();
  const n = ++created;
  const row = await stores.topups.create({
    referenceId: `cp-test-${m.id}-${n}`,
    requestKey: `test-${m.id}-${n}`,
    merchantId: m.id,
    amount,
    channelCode: method.channelCode,
    phone: method.flow === "push" ? "+6281234567890" : null,
    createdAt: now,
    checkAt: new Date(now.getTime() + DAY_MS),
    expiresAt: method.expiresInMinutes === null ? null : new Date(now.getTime() + method.expiresInMinutes * 60_000),
  });
  const chargeId = method.api === "v3" ? `pr-test-${m.id}-${n}` : `ewc_test-${m.id}-${n}`;
  const pending = await stores.topups.recordCharge(row.id, chargeId, now, { payCode: payCodes[method.flow], expiresAt: row.expiresAt });
  if (!prompt) return pending;
  const message = await sendPrompt(h, m, method.flow);
  return (await stores.topups.recordPrompt(pending.id, message.message_id))!;
}

/** The bot's own kind of prompt, sent with the bot's token: a photo with a caption for a QR, a text with a button else. */
async function sendPrompt(h: Harness, m: Merchant, flow: keyof typeof payCodes) {
  const api = new Api(h.config.botToken, { apiRoot: h.config.telegramApiRoot });
  const buttons = { inline_keyboard: [[{ text: "✖️ Batal", callback_data: "pay:cancel:1" }]] };
  if (flow === "qr") return api.sendPhoto(m.id, new InputFile(Buffer.from("not really a PNG"), "qris.png"), { caption: "Scan QRIS ini", reply_markup: buttons });
  return api.sendMessage(m.id, `Bayar ke ${payCodes[flow] ?? "OVO"}`, { reply_markup: buttons });
}

/** The gateway's word on a top-up, as a status check would bring it. */
export function charge(topup: Topup, status: ChargeStatus, failureCode: string | null = null): Charge {
  return { id: topup.chargeId!, referenceId: topup.referenceId, status, currency: topup.currency, amount: topup.amount, failureCode };
}

export function settle(h: Harness, topup: Topup, status: ChargeStatus, failureCode: string | null = null) {
  return h.app.services.settlement.settle(charge(topup, status, failureCode), "check");
}

/** The merchant cancelled it and the gateway confirmed (what TopupService.cancel does after the cancel call). */
export function cancelled(h: Harness, topup: Topup) {
  return h.app.services.settlement.cancelled(topup, new Date(h.clock.now().getTime() + DAY_MS));
}
