/**
 * Xendit creates the charge but the answer never comes (the call times out), and the merchant tries again:
 * no second charge for the same top-up, and the top-up left open is reconciled (by the late callback, or by
 * the bot's own check when none comes).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { balanceOf } from "../../src/payments/ledger.js";
import { eventually, startHarness, type Harness } from "../helpers/harness.js";
import { merchant, type Merchant } from "../helpers/merchant.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 9301);
});
afterEach(async () => {
  await h.close();
});

const creates = () => h.xendit.requests.filter((r) => r.method === "POST" && r.path === "/ewallets/charges").length;

async function hangThenRetry(): Promise<void> {
  h.xendit.injectFault({ op: "create", createThenHang: true });
  const started = Date.now();
  expect((await sari.topup()).text).toContain("OVO belum menjawab");
  expect(Date.now() - started).toBeGreaterThanOrEqual(h.config.xendit.timeoutMs);
  const open = (await h.app.services.topups.latest(sari.id))!;
  expect(open).toMatchObject({ status: "creating", chargeId: null });

  // The merchant tries again, twice, through the bot; and the same request is replayed against the service.
  for (let i = 0; i < 2; i++) expect((await sari.topup()).text).toContain("Masih ada pembayaran yang menunggu");
  const replay = await h.app.services.topups.start({ method: "OVO", merchantId: sari.id, amount: open.amount, phone: open.phone ?? undefined, requestKey: open.requestKey });
  expect(replay).toMatchObject({ kind: "uncertain", topup: { id: open.id } });
  expect(creates()).toBe(1);
  expect(h.xendit.charges()).toHaveLength(1);
  expect(h.xendit.charges()[0]!.reference_id).toBe(open.referenceId);
}

describe("Xendit create hangs past the timeout", () => {
  it("the late callback settles the one charge; credited and told once", async () => {
    await hangThenRetry();
    const charge = h.xendit.charges()[0]!;
    await h.xendit.pay(charge.id);
    await h.xendit.sendCallback(charge.id);
    await sari.expect("Pembayaran berhasil");
    expect((await h.app.services.topups.latest(sari.id))).toMatchObject({ status: "succeeded", chargeId: charge.id });
    expect(await h.table("ledgerEntries")).toHaveLength(1);
    h.clock.advance(120_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sari.count("Pembayaran berhasil")).toBe(1);
    expect(sari.count("tidak terkonfirmasi")).toBe(0);
  });

  it("with no callback the bot's check closes it, a new top-up is a new charge, and a late payment is still credited", async () => {
    await hangThenRetry();
    const first = h.xendit.charges()[0]!;
    h.clock.advance(71_000);
    await sari.expect("Pembayaran tidak terkonfirmasi");
    const closed = (await h.app.services.topups.latest(sari.id))!;
    expect(closed).toMatchObject({ status: "expired", failureCode: "NO_GATEWAY_RESPONSE" });

    expect((await sari.topup()).text).toContain("Konfirmasi Pembayaran");
    expect(creates()).toBe(2);
    const second = h.xendit.charges().find((c) => c.id !== first.id)!;
    expect(second.reference_id).not.toBe(first.reference_id);

    // The first push was paid after all: matched by our reference, credited once, not lost.
    await h.xendit.pay(first.id);
    await sari.expect("Pembayaran berhasil");
    expect((await h.app.services.topups.get(closed.id))).toMatchObject({ status: "succeeded", chargeId: first.id });
    await eventually(async () => expect((await balanceOf(h.app.services.database.stores, sari.id))).toBe(closed.amount));
    expect((await h.app.services.topups.latest(sari.id))).toMatchObject({ status: "pending", chargeId: second.id });
  });
});
