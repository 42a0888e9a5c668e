import { topups } from "../db/schema.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { balanceOf } from "../src/payments/ledger.js";
import { eventually, SECRET_KEY, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 4001);
});
afterEach(async () => {
  await h.close();
});

const balance = () => balanceOf(h.app.services.db, sari.id);
const status = () => h.app.services.topups.latest(sari.id)?.status;
const gets = () => h.xendit.requests.filter((r) => r.method === "GET").length;

describe("a payment with no callback is checked at the gateway after ~70 s", () => {
  it("does nothing before 70 s, then expires an unpaid charge and tells the merchant", async () => {
    await sari.topup();
    h.clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(gets()).toBe(0);
    expect(status()).toBe("pending");
    h.clock.advance(11_000);
    const expired = await sari.expect("Waktu pembayaran habis");
    expect(expired.text).toContain("0812****7890");
    expect(expired.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain("🔁 Coba lagi");
    expect(status()).toBe("expired");
    expect(gets()).toBe(1);
  });

  it("credits a payment whose callback never came", async () => {
    await sari.topup();
    h.xendit.setCallbackUrl(null);
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    h.clock.advance(71_000);
    await sari.expect("Pembayaran berhasil");
    expect(balance()).toBe(100_000);
  });

  it("reports a failure the gateway knows of", async () => {
    await sari.topup();
    h.xendit.setCallbackUrl(null);
    await h.xendit.reject(h.xendit.charges()[0]!.id, "USER_UNREACHABLE");
    h.clock.advance(71_000);
    expect((await sari.expect("Pembayaran gagal")).text).toContain("Aplikasi OVO tidak dapat dihubungi");
  });

  it("keeps asking while the gateway is down, and finalises once it answers", async () => {
    await sari.topup();
    h.xendit.setCallbackUrl(null);
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    h.xendit.injectFault({ op: "get", status: 503, times: 2 });
    // Each failed check is rescheduled from the clock's time when its answer came back: wait for that first.
    const attempts = () => h.app.services.topups.latest(sari.id)?.checkAttempts;
    h.clock.advance(71_000);
    await eventually(() => expect(attempts()).toBe(1));
    h.clock.advance(15_000);
    await eventually(() => expect(attempts()).toBe(2));
    expect(gets()).toBe(2);
    expect(status()).toBe("pending");
    h.clock.advance(30_000);
    await sari.expect("Pembayaran berhasil");
    expect(balance()).toBe(100_000);
  });

  it("still credits a payment that Xendit confirms after we gave up on it", async () => {
    await sari.topup();
    h.clock.advance(71_000);
    await sari.expect("Waktu pembayaran habis");
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    const late = await sari.expect("Pembayaran berhasil");
    expect(late.text).toContain("setelah batas waktu");
    expect(balance()).toBe(100_000);
  });

  it("a charge voided before it reached us fails the top-up, and the merchant may start again", async () => {
    await sari.topup();
    h.xendit.setCallbackUrl(null);
    const charge = h.xendit.charges()[0]!;
    await h.xendit.pay(charge.id);
    // Voided in Xendit's dashboard before any callback reached us: the money went back.
    const voided = await fetch(`${h.xendit.apiBase}/ewallets/charges/${charge.id}/void`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${SECRET_KEY}:`).toString("base64")}` },
    });
    expect(voided.status).toBe(200);
    h.clock.advance(71_000);
    expect((await sari.expect("Pembayaran gagal")).text).toContain("dikembalikan ke OVO");
    expect(status()).toBe("failed");
    expect(balance()).toBe(0);
    expect((await sari.topup()).text).toContain("Konfirmasi Pembayaran");
  });

  it("backs off instead of asking again at every tick when the gateway's answer settles nothing", async () => {
    await sari.topup();
    h.xendit.setCallbackUrl(null);
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    // An anomaly for an operator: what the gateway reports paid is not what we asked for (flagged, not credited).
    h.app.services.db.update(topups).set({ amount: 90_000 }).run();
    h.clock.advance(71_000);
    await eventually(() => expect(h.app.services.topups.latest(sari.id)?.checkAttempts).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gets()).toBe(1);
    expect(balance()).toBe(0);
    expect(h.app.services.topups.latest(sari.id)?.flag).toMatch(/expected IDR 90000/);
    h.clock.advance(15_000);
    await eventually(() => expect(gets()).toBe(2));
  });

  it("survives a restart: the check happens after the process comes back", async () => {
    await sari.topup();
    await h.stopApp();
    h.clock.advance(120_000);
    await h.restart();
    await sari.expect("Waktu pembayaran habis");
  });

  it("/status refreshes open payments from the gateway", async () => {
    await sari.topup();
    await sari.say("/status");
    const waiting = await sari.expect("Status Pembayaran");
    expect(waiting.text).toContain("⏳ Menunggu");
    expect(waiting.text).toContain("Rp100.000");
    h.xendit.setCallbackUrl(null);
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await sari.press(waiting, "🔄 Status Pembayaran");
    const done = await sari.expect(/Status Pembayaran[\s\S]*Berhasil/);
    expect(done.text).toContain("Rp100.000");
    await eventually(() => expect(sari.count("Pembayaran berhasil")).toBe(1));
    expect(balance()).toBe(100_000);
  });

  it("/status with nothing open shows the last payment", async () => {
    await sari.say("/status");
    await sari.expect("Tidak ada pembayaran yang sedang menunggu");
  });
});
