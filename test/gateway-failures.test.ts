import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { balanceOf } from "../src/payments/ledger.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 5001);
});
afterEach(async () => {
  await h.close();
});

describe("when the gateway misbehaves on create", () => {
  it("a timeout after the charge was made: no second charge, and the late callback credits it", async () => {
    h.xendit.injectFault({ op: "create", createThenHang: true });
    const uncertain = await sari.topup();
    expect(uncertain.text).toContain("OVO belum menjawab");
    expect(h.xendit.charges()).toHaveLength(1);

    // The merchant tries again at once: refused while the first is unresolved, nothing sent to Xendit.
    const again = await sari.topup();
    expect(again.text).toContain("Masih ada pembayaran yang menunggu");
    expect(h.xendit.charges()).toHaveLength(1);

    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await sari.expect("Pembayaran berhasil");
    expect((await balanceOf(h.app.services.database.stores, sari.id))).toBe(100_000);
  });

  it("a SUCCEEDED callback for a charge whose id we never learned is confirmed with the gateway before crediting", async () => {
    h.xendit.injectFault({ op: "create", createThenHang: true });
    expect((await sari.topup()).text).toContain("OVO belum menjawab");
    const charge = h.xendit.charges()[0]!;
    expect((await h.xendit.pay(charge.id))?.status).toBe(200);
    expect(h.xendit.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual([`/ewallets/charges/${charge.id}`]);
    await sari.expect("Pembayaran berhasil");
    expect((await balanceOf(h.app.services.database.stores, sari.id))).toBe(100_000);
  });

  it("a SUCCEEDED callback the gateway does not confirm is flagged, not credited; the real payment still is", async () => {
    h.xendit.injectFault({ op: "create", createThenHang: true });
    expect((await sari.topup()).text).toContain("OVO belum menjawab");
    const charge = h.xendit.charges()[0]!;
    const claimed = await h.xendit.sendCallback(charge.id, { overrides: { data: { status: "SUCCEEDED", capture_amount: charge.charge_amount } } });
    expect(claimed.status).toBe(200);
    expect((await balanceOf(h.app.services.database.stores, sari.id))).toBe(0);
    expect((await h.app.services.topups.latest(sari.id))?.flag).toMatch(/not confirmed/);
    expect((await h.table("webhookEvents")).map((e) => e.outcome)).toEqual(["mismatch"]);
    await h.xendit.pay(charge.id);
    await sari.expect("Pembayaran berhasil");
    expect((await balanceOf(h.app.services.database.stores, sari.id))).toBe(100_000);
  });

  it("when that confirmation cannot be had, the callback is answered 5xx and Xendit's retry credits it", async () => {
    h.xendit.injectFault({ op: "create", createThenHang: true });
    expect((await sari.topup()).text).toContain("OVO belum menjawab");
    h.xendit.injectFault({ op: "get", status: 503 });
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    expect(h.xendit.deliveries.map((d) => d.status)).toEqual([500, 200]);
    await sari.expect("Pembayaran berhasil");
    expect((await balanceOf(h.app.services.database.stores, sari.id))).toBe(100_000);
  });

  it("a timeout with no callback ever: after the wait the merchant is told nothing was confirmed", async () => {
    h.xendit.injectFault({ op: "create", hang: true });
    expect((await sari.topup()).text).toContain("OVO belum menjawab");
    h.clock.advance(71_000);
    expect((await sari.expect("Pembayaran tidak terkonfirmasi")).text).toContain("ditambahkan otomatis");
    const retry = await sari.topup();
    expect(retry.text).toContain("Konfirmasi Pembayaran");
  });

  it("a 500 is treated as unknown, never retried blindly", async () => {
    h.xendit.injectFault({ op: "create", status: 500 });
    expect((await sari.topup()).text).toContain("OVO belum menjawab");
    expect(h.xendit.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("OVO unavailable (503) gets a clear reason, and the merchant may try again", async () => {
    h.xendit.injectFault({ op: "create", status: 503, errorCode: "CHANNEL_UNAVAILABLE" });
    const declined = await sari.topup();
    expect(declined.text).toContain("OVO sedang tidak tersedia");
    expect((await sari.topup()).text).toContain("Konfirmasi Pembayaran");
  });

  it("a rejected API key tells the merchant without details and charges nothing", async () => {
    h.xendit.injectFault({ op: "create", status: 401 });
    const answer = await sari.topup();
    expect(answer.text).toContain("tidak dapat diproses");
    expect(answer.text).not.toMatch(/401|API|key/i);
  });
});

describe("abuse limits", () => {
  it("allows one open payment per merchant", async () => {
    await sari.topup();
    expect((await sari.topup()).text).toContain("Masih ada pembayaran yang menunggu");
    expect(h.xendit.charges()).toHaveLength(1);
  });
});

describe("Coba lagi", () => {
  it("starts the same amount again, and refuses another merchant's payment id", async () => {
    await sari.topup({ amount: "Rp250.000" });
    await h.xendit.reject(h.xendit.charges()[0]!.id, "USER_DECLINED_PAYMENT");
    const failed = await sari.expect("Pembayaran gagal");
    expect(failed.text).toContain("ditolak di aplikasi OVO");

    const mallory = merchant(h, 5009);
    await mallory.say("/start");
    await mallory.expect("Halo");
    const topupId = (await h.app.services.topups.latest(sari.id))!.id;
    await mallory.user.craftCallback(`retry:${topupId}`, mallory.user.lastBotMessage()!.message_id);
    await eventually(() => expect(mallory.user.callbackAnswers.map((a) => a.text)).toEqual(["Tombol ini sudah tidak berlaku."]));
    expect(mallory.count("Pilih metode")).toBe(0);

    await sari.press(failed, "🔁 Coba lagi");
    const method = await sari.expect("Pilih metode");
    await sari.press(method, "E-Wallet");
    await sari.press(method, "OVO");
    expect((await sari.expect("Ringkasan")).text).toContain("Rp250.000");
  });
});
