import { describe, expect, it } from "vitest";
import { wibDayOf } from "../src/operations/wib-day.js";
import type { MethodId } from "../src/payments/methods.js";
import { eventually } from "./helpers/harness.js";
import { commonScenarios, v3Harness } from "./helpers/v3-scenarios.js";
import { balance, expectCreditedOnce, settle, startTopup, topupNow } from "./helpers/v3-payments.js";

describe("virtual account top-ups", () => {
  commonScenarios("BCA_VA", (h, request, options) => h.xendit.payVa(request.actions[0]!.value, undefined, options));

  describe("per bank, and transfers of another amount", () => {
    const ctx = v3Harness();

    it.each<[MethodId, RegExp]>([
      ["BCA_VA", /^10766\d{11}$/],
      ["BNI_VA", /^8808\d{12}$/],
      ["BRI_VA", /^26215\d{10}$/],
      ["MANDIRI_VA", /^88908\d{8}$/],
      ["PERMATA_VA", /^8214\d{12}$/],
    ])("%s: the bank's account number is kept as the pay code; a transfer of the amount is credited", async (method, shape) => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, method, 2_500_000);
      expect(topup.payCode).toMatch(shape);
      expect(request.channel_properties.display_name).toBe(h.config.invoiceSeller.name);
      await h.xendit.payVa(topup.payCode!);
      await expectCreditedOnce(h, m, topup);
    });

    it.each([
      ["less", 90_000],
      ["more", 150_000],
    ])("a transfer of %s than asked is flagged for an operator, not credited", async (_label, paid) => {
      const { h, m } = ctx;
      const { topup } = await startTopup(h, m, "MANDIRI_VA");
      expect(await h.xendit.payVa(topup.payCode!, paid)).toMatchObject({ status: 200 });
      const flagged = await eventually(async () => {
        const row = await topupNow(h, topup.id);
        expect(row.flag).not.toBeNull();
        return row;
      });
      expect(flagged.status).toBe("pending");
      expect(await h.table("exceptions")).toMatchObject([{ kind: "flagged", topupId: topup.id, reason: `paid IDR ${paid}, expected IDR 100000`, resolvedAt: null }]);
      expect(await h.table("ledgerEntries")).toEqual([]);
      expect(await balance(h, m)).toBe(0);
      expect((await h.table("webhookEvents")).at(-1)).toMatchObject({ event: "payment.capture", outcome: "mismatch" });
    });

    it("a wrong amount found by the status check (webhook lost) is flagged too, and a duplicate opens nothing more", async () => {
      const { h, m } = ctx;
      const { topup, request } = await startTopup(h, m, "BNI_VA");
      await h.xendit.payVa(topup.payCode!, 99_000, { callback: false });
      h.clock.advance(71_000);
      await eventually(async () => expect((await topupNow(h, topup.id)).flag).not.toBeNull());
      await h.xendit.sendPaymentCallback(request.payment_request_id);
      await settle();
      expect(await h.table("exceptions")).toMatchObject([{ kind: "flagged", topupId: topup.id }]);
      expect(await balance(h, m)).toBe(0);
    });

    it("a flagged top-up does not block the merchant's next one", async () => {
      const { h, m } = ctx;
      const { topup } = await startTopup(h, m, "BRI_VA");
      await h.xendit.payVa(topup.payCode!, 1_000_000);
      await eventually(async () => expect((await topupNow(h, topup.id)).flag).not.toBeNull());
      const next = await startTopup(h, m, "QRIS");
      await h.xendit.payQr(next.topup.payCode!);
      await expectCreditedOnce(h, m, next.topup);
    });
  });

  describe("reconciliation asks the Payments API too", () => {
    const ctx = v3Harness();

    it("finds a capture amended to another amount, and a payment the gateway took that we never credited", async () => {
      const { h, m } = ctx;
      const credited = await startTopup(h, m, "BCA_VA");
      await h.xendit.payVa(credited.topup.payCode!);
      await expectCreditedOnce(h, m, credited.topup);
      const captures = [{ capture_id: "cpt-amended", capture_amount: 60_000, capture_timestamp: h.clock.now().toISOString() }];
      h.xendit.amendPaymentRequest(credited.request.payment_request_id, { captures });

      const cancelled = await startTopup(h, m, "QRIS");
      expect(await h.app.services.topups.cancel(m.id, cancelled.topup.id)).toMatchObject({ kind: "cancelled" });
      h.xendit.amendPaymentRequest(cancelled.request.payment_request_id, { status: "SUCCEEDED", captures: [{ ...captures[0]!, capture_amount: 100_000 }] });

      const report = await h.app.services.reconciliation.run(wibDayOf(h.clock.now()), { actorId: null, actorName: null });
      expect(report).toMatchObject({ total: 2, opened: 2 });
      const reasons = (await h.table("exceptions")).filter((row) => row.kind === "reconciliation").map((row) => [row.topupId, row.key, row.reason]);
      expect(reasons).toEqual([
        [credited.topup.id, `reconciliation:${credited.topup.id}:amount`, "reconciliation amount: Xendit SUCCEEDED IDR 60000, ours succeeded IDR 100000"],
        [cancelled.topup.id, `reconciliation:${cancelled.topup.id}:not_credited`, "reconciliation not_credited: Xendit SUCCEEDED IDR 100000, ours expired IDR 100000"],
      ]);
      expect(await balance(h, m)).toBe(100_000);
    });
  });
});
