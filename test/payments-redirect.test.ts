import { describe, expect, it } from "vitest";
import type { MethodId } from "../src/payments/methods.js";
import { eventually } from "./helpers/harness.js";
import { commonScenarios, v3Harness } from "./helpers/v3-scenarios.js";
import { announced, balance, eventuallyStatus, expectCreditedOnce, moneyState, RETURN_URL, sentTo, settle, startTopup } from "./helpers/v3-payments.js";

describe("redirect e-wallet top-ups (DANA, ShopeePay, LinkAja)", () => {
  commonScenarios("DANA", (h, request, options) => h.xendit.approveCheckout(request.payment_request_id, options));

  describe("the checkout", () => {
    const ctx = v3Harness();

    it.each<MethodId>(["DANA", "SHOPEEPAY", "LINKAJA"])("%s: the checkout URL is the pay code, our chat the return URL; Bayar on the page pays it", async (method) => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method);
      expect(request.channel_properties).toMatchObject({ success_return_url: RETURN_URL, failure_return_url: RETURN_URL });
      expect(topup.payCode).toBe(`${h.xendit.apiBase}/v3/checkout/${request.payment_request_id}`);
      const page = await (await fetch(topup.payCode!)).text();
      expect(page).toContain("Rp100.000");
      const approved = await fetch(`${topup.payCode!}/approve`, { method: "POST" });
      expect(approved.status).toBe(200);
      expect(await approved.text()).toContain(RETURN_URL);
      await expectCreditedOnce(h, m, topup);
    });

    it("a start without an HTTPS return URL is refused before anything is written or sent", async () => {
      const { h, m } = ctx;
      for (const returnUrl of [undefined, "http://t.me/test_bot"]) {
        const start = h.app.services.topups.start({ merchantId: m.id, amount: 100_000, method: "DANA", requestKey: `no-return-${returnUrl}`, returnUrl });
        await expect(start).rejects.toThrow(RangeError);
      }
      expect(await h.table("topups")).toEqual([]);
      expect(h.xendit.requests).toEqual([]);
    });

    it("Batal on the checkout: failed with USER_DID_NOT_AUTHORIZE, and the merchant told", async () => {
      const { h, m } = ctx;
      const { topup } = await startTopup(h, m, "SHOPEEPAY");
      expect((await fetch(`${topup.payCode!}/decline`, { method: "POST" })).status).toBe(200);
      const failed = await eventuallyStatus(h, topup.id, "failed");
      expect(failed.failureCode).toBe("USER_DID_NOT_AUTHORIZE");
      await eventually(() => expect(sentTo(h, m, "Rp100.000")).toHaveLength(1));
      expect(await announced(h, topup.id)).toEqual(["topup.failed"]);
    });

    it("out of order: a failure delivered after the capture changes nothing", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, "LINKAJA");
      await h.xendit.approveCheckout(request.payment_request_id);
      await expectCreditedOnce(h, m, topup);
      const before = await moneyState(h);
      const failure = { event: "payment.failure" as const, data: { status: "FAILED" as const, failure_code: "USER_DID_NOT_AUTHORIZE", captures: [] } };
      expect((await h.xendit.sendPaymentCallback(request.payment_request_id, { overrides: failure })).status).toBe(200);
      await settle();
      expect(await moneyState(h)).toEqual(before);
      expect(await balance(h, m)).toBe(100_000);
    });

    it("a checkout whose payer never comes back: REQUIRES_ACTION is asked about until its expiry, then it expires", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, "DANA");
      h.clock.advance(71_000);
      await eventually(() => expect(h.xendit.requests.filter((r) => r.method === "GET")).toHaveLength(1));
      await settle();
      expect(h.xendit.paymentRequest(request.payment_request_id)!.status).toBe("REQUIRES_ACTION");
      h.clock.advance(15 * 60_000);
      expect((await eventuallyStatus(h, topup.id, "expired")).failureCode).toBe("EXPIRED");
    });
  });
});
