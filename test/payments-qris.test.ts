import { describe, expect, it } from "vitest";
import { commonScenarios, v3Harness } from "./helpers/v3-scenarios.js";
import { expectCreditedOnce, RETURN_URL, startTopup, topupNow } from "./helpers/v3-payments.js";

describe("QRIS top-ups", () => {
  commonScenarios("QRIS", (h, request, options) => h.xendit.payQr(request.actions[0]!.value, options));

  describe("the QR code", () => {
    const ctx = v3Harness();

    it("the QR string is the pay code, for the amount, with the merchant name the payer's app shows", async () => {
      const { h, m } = ctx;
      const { topup } = await startTopup(h, m, "QRIS", 250_000);
      expect(topup.payCode).toMatch(/^000201010212.*5406250000.*5925KASIR PINTAR COIN PREMIUM.*6304[0-9A-F]{4}$/);
      await h.xendit.payQr(topup.payCode!);
      await expectCreditedOnce(h, m, topup);
    });

    it("a new top-up while the open QR cannot be cancelled (gateway down) answers already_open and makes nothing", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, "QRIS");
      h.xendit.injectFault({ op: "cancel", status: 503 });
      const again = await h.app.services.topups.start({ merchantId: m.id, amount: 50_000, method: "BCA_VA", requestKey: "while-open", returnUrl: RETURN_URL });
      expect(again).toMatchObject({ kind: "already_open", topup: { id: topup.id } });
      expect(h.xendit.paymentRequests()).toHaveLength(1);
      expect(h.xendit.paymentRequest(request.payment_request_id)!.status).toBe("ACCEPTING_PAYMENTS");
      expect((await topupNow(h, topup.id)).status).toBe("pending");
    });
  });
});
