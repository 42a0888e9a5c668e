import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidTransitionError, type Delivery, type PayerOptions, type PaymentRequest } from "../../src/emulators/xendit/index.js";
import { methodById, type MethodId } from "../../src/payments/methods.js";
import { eventually, startHarness, type Harness } from "./harness.js";
import type { Merchant } from "./merchant.js";
import {
  announced,
  balance,
  eventuallyStatus,
  expectCreditedOnce,
  moneyState,
  sentTo,
  settle,
  startedMerchant,
  startTopup,
  topupNow,
} from "./v3-payments.js";

/** The payer paying what the request asks, the way this method's payer does (scan, transfer, Bayar). */
export type Pay = (h: Harness, request: PaymentRequest, options?: PayerOptions) => Promise<Delivery | null>;

/** A fresh harness and a merchant who pressed /start, per test. */
export function v3Harness(merchantId = 7001): { readonly h: Harness; readonly m: Merchant } {
  const context = {} as { h: Harness; m: Merchant };
  beforeEach(async () => {
    context.h = await startHarness();
    context.m = await startedMerchant(context.h, merchantId);
  });
  afterEach(async () => {
    await context.h.close();
  });
  return context;
}

const MINUTE_MS = 60_000;

/**
 * What every v3 method must do the same way, from the payer's action to the merchant's notice: the webhook paths,
 * the status checks, the expiry and the cancel. Each method family's file runs these with its own payer.
 */
export function commonScenarios(method: MethodId, pay: Pay): void {
  const expiresInMs = methodById(method).expiresInMinutes! * MINUTE_MS;
  const amount = "Rp100.000";

  describe(`${method}: common v3 flows`, () => {
    const ctx = v3Harness();

    it("paid: credited once with its ledger row and invoice, and the merchant is told the amount", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      expect(topup).toMatchObject({ status: "pending", channelCode: methodById(method).channelCode, phone: null });
      expect(topup.expiresAt?.toISOString()).toBe(request.channel_properties.expires_at);
      const delivery = await pay(h, request);
      expect(delivery).toMatchObject({ status: 200 });
      await expectCreditedOnce(h, m, topup);
      expect(await h.table("webhookEvents")).toMatchObject([{ event: "payment.capture", chargeId: request.payment_request_id, outcome: "credited" }]);
    });

    it("duplicate webhooks, concurrent and after a restart, credit it once", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await pay(h, request, { callback: false });
      const answers = await Promise.all([1, 2, 3].map(() => h.xendit.sendPaymentCallback(request.payment_request_id)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      await expectCreditedOnce(h, m, topup);
      await h.restart();
      expect((await h.xendit.sendPaymentCallback(request.payment_request_id)).status).toBe(200);
      await settle();
      await expectCreditedOnce(h, m, topup);
      const outcomes = (await h.table("webhookEvents")).map((event) => event.outcome).sort();
      expect(outcomes).toEqual(["credited", "duplicate", "duplicate", "duplicate"]);
    });

    it("a lost webhook: the status check (GET) finds the payment and credits it", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await pay(h, request, { callback: false });
      await settle();
      expect((await topupNow(h, topup.id)).status).toBe("pending");
      h.clock.advance(71_000);
      await expectCreditedOnce(h, m, topup);
      expect(h.xendit.requests.filter((r) => r.method === "GET" && r.path === `/v3/payment_requests/${request.payment_request_id}`)).toHaveLength(1);
    });

    it("payment_request.expiry: expired, the merchant told, and the payer can no longer pay", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      expect(await h.xendit.expirePaymentRequest(request.payment_request_id)).toMatchObject({ status: 200 });
      const expired = await eventuallyStatus(h, topup.id, "expired");
      expect(expired.failureCode).toBe("EXPIRED");
      await eventually(() => expect(sentTo(h, m, amount)).toHaveLength(1));
      expect(await announced(h, topup.id)).toEqual(["topup.expired"]);
      await expect(pay(h, request)).rejects.toThrow(InvalidTransitionError);
      expect(await balance(h, m)).toBe(0);
    });

    it("expired at the gateway without a webhook: the check at expiresAt finds it EXPIRED", async () => {
      const { h, m } = ctx;
      const { topup } = await startTopup(h, m, method);
      h.clock.advance(expiresInMs);
      const expired = await eventuallyStatus(h, topup.id, "expired");
      expect(expired).toMatchObject({ failureCode: "EXPIRED", checkAt: null });
      await eventually(() => expect(sentTo(h, m, amount)).toHaveLength(1));
    });

    it("payment.failure: failed with the gateway's reason, and the merchant told", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await h.xendit.failPaymentRequest(request.payment_request_id, "PARTNER_TIMEOUT_ERROR");
      const failed = await eventuallyStatus(h, topup.id, "failed");
      expect(failed.failureCode).toBe("PARTNER_TIMEOUT_ERROR");
      await eventually(() => expect(sentTo(h, m, amount)).toHaveLength(1));
      expect(await announced(h, topup.id)).toEqual(["topup.failed"]);
      expect(await balance(h, m)).toBe(0);
    });

    it("out of order: an expiry delivered after the capture changes nothing", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await pay(h, request);
      await expectCreditedOnce(h, m, topup);
      const before = await moneyState(h);
      expect((await h.xendit.sendPaymentCallback(request.payment_request_id, { event: "payment_request.expiry" })).status).toBe(200);
      await settle();
      expect(await moneyState(h)).toEqual(before);
      expect((await h.table("webhookEvents")).at(-1)).toMatchObject({ event: "payment_request.expiry", outcome: "stale" });
    });

    it("out of order: a capture delivered after the gateway's expiry is credited late", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await pay(h, request, { callback: false });
      await h.xendit.sendPaymentCallback(request.payment_request_id, { event: "payment_request.expiry" });
      await eventuallyStatus(h, topup.id, "expired");
      await h.xendit.sendPaymentCallback(request.payment_request_id);
      await expectCreditedOnce(h, m, topup, { late: true });
    });

    it("paid after our own expiry (the gateway still took it): credited late", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      // The gateway's window closes a little after ours: its clock, or a bank's cut-off.
      const gatewayExpiry = new Date(topup.expiresAt!.getTime() + 5 * MINUTE_MS).toISOString();
      h.xendit.amendPaymentRequest(request.payment_request_id, { channel_properties: { expires_at: gatewayExpiry } });
      h.clock.advance(expiresInMs);
      const expired = await eventuallyStatus(h, topup.id, "expired");
      expect(expired.failureCode).toBe("EXPIRED");
      await eventually(() => expect(sentTo(h, m, amount)).toHaveLength(1));
      await pay(h, request);
      await expectCreditedOnce(h, m, topup, { late: true });
    });

    it("a webhook with a forged token is refused (401) and changes nothing", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await pay(h, request, { callback: false });
      const before = await moneyState(h);
      const forged = await h.xendit.sendPaymentCallback(request.payment_request_id, { token: "not-the-token" });
      expect(forged.status).toBe(401);
      await settle();
      expect(await moneyState(h)).toEqual(before);
      expect(await h.table("webhookEvents")).toEqual([]);
      expect((await topupNow(h, topup.id)).status).toBe("pending");
    });

    it("cancel: cancelled at the gateway, told through the outbox, and a later payment is refused there", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      const result = await h.app.services.topups.cancel(m.id, topup.id);
      expect(result).toMatchObject({ kind: "cancelled", topup: { status: "expired", failureCode: "CANCELLED" } });
      expect(h.xendit.paymentRequest(request.payment_request_id)!.status).toBe("CANCELED");
      expect(await announced(h, topup.id)).toEqual(["topup.cancelled"]);
      await expect(pay(h, request)).rejects.toThrow(InvalidTransitionError);
      // Asked once more later, in case it was paid in the moment before: it was not.
      h.clock.advance(10 * MINUTE_MS);
      await eventually(async () => expect((await topupNow(h, topup.id)).checkAt).toBeNull());
      expect(await topupNow(h, topup.id)).toMatchObject({ status: "expired", failureCode: "CANCELLED" });
      expect(await balance(h, m)).toBe(0);
      expect(await h.app.services.topups.cancel(m.id, topup.id)).toMatchObject({ kind: "final" });
      expect(await h.app.services.topups.cancel(m.id + 1, topup.id)).toEqual({ kind: "not_found" });
    });

    it("a cancel that races a payment credits it, and the late webhook is a duplicate", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await pay(h, request, { callback: false });
      expect(await h.app.services.topups.cancel(m.id, topup.id)).toMatchObject({ kind: "paid", topup: { status: "succeeded" } });
      await expectCreditedOnce(h, m, topup);
      expect((await h.xendit.sendPaymentCallback(request.payment_request_id)).status).toBe(200);
      await settle();
      await expectCreditedOnce(h, m, topup);
    });

    it.each([
      ["failed", (h: Harness, id: string) => h.xendit.failPaymentRequest(id, "ACCOUNT_ACCESS_BLOCKED", { callback: false }), "ACCOUNT_ACCESS_BLOCKED", "topup.failed"],
      ["expired", (h: Harness, id: string) => h.xendit.expirePaymentRequest(id, { callback: false }), "EXPIRED", "topup.expired"],
    ] as const)("a cancel of one that had %s at the gateway unheard of ends it as the gateway says", async (status, end, failureCode, kind) => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      await end(h, request.payment_request_id);
      expect(await h.app.services.topups.cancel(m.id, topup.id)).toMatchObject({ kind: "final", topup: { status, failureCode } });
      expect(await announced(h, topup.id)).toEqual([kind]);
      await eventually(() => expect(sentTo(h, m, amount)).toHaveLength(1));
    });

    it("a cancel the gateway does not answer leaves it payable, and its payment is credited", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      h.xendit.injectFault({ op: "cancel", status: 503 });
      expect(await h.app.services.topups.cancel(m.id, topup.id)).toMatchObject({ kind: "unavailable" });
      expect(h.xendit.paymentRequest(request.payment_request_id)!.status).not.toBe("CANCELED");
      await pay(h, request);
      await expectCreditedOnce(h, m, topup);
    });

    it("starting another top-up cancels this one at the gateway first", async () => {
      const { h, m } = ctx;
      const first = await startTopup(h, m, method);
      const second = await startTopup(h, m, "QRIS", 50_000);
      expect(h.xendit.paymentRequest(first.request.payment_request_id)!.status).toBe("CANCELED");
      expect(await topupNow(h, first.topup.id)).toMatchObject({ status: "expired", failureCode: "CANCELLED" });
      expect(second.topup.status).toBe("pending");
      await expect(pay(h, first.request)).rejects.toThrow(InvalidTransitionError);
      await h.xendit.payQr(second.request.actions[0]!.value);
      await expectCreditedOnce(h, m, second.topup);
    });
  });
}
