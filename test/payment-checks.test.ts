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

const balance = async () => (await balanceOf(h.app.services.database.stores, sari.id));
const status = async () => (await h.app.services.topups.latest(sari.id))?.status;
const gets = () => h.xendit.requests.filter((r) => r.method === "GET").length;

describe("a payment with no callback is checked at the gateway after ~70 s", () => {
  it("does nothing before 70 s, then expires an unpaid charge and tells the merchant", async () => {
    await sari.topup();
    h.clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(gets()).toBe(0);
    expect(await status()).toBe("pending");
    h.clock.advance(11_000);
    const expired = await sari.expect("Waktu pembayaran habis");
    expect(expired.text).toContain("0812****7890");
    expect(expired.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain("🔁 Coba lagi");
    expect(await status()).toBe("expired");
    expect(gets()).toBe(1);
  });

  it("credits a payment whose callback never came", async () => {
    await sari.topup();
    h.xendit.setCallbackUrl(null);
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    h.clock.advance(71_000);
    await sari.expect("Pembayaran berhasil");
    expect(await balance()).toBe(100_000);
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
    const attempts = async () => (await h.app.services.topups.latest(sari.id))?.checkAttempts;
    h.clock.advance(71_000);
    await eventually(async () => expect(await attempts()).toBe(1));
    h.clock.advance(15_000);
    await eventually(async () => expect(await attempts()).toBe(2));
    expect(gets()).toBe(2);
    expect(await status()).toBe("pending");
    h.clock.advance(30_000);
    await sari.expect("Pembayaran berhasil");
    expect(await balance()).toBe(100_000);
  });

  it("still credits a payment that Xendit confirms after we gave up on it", async () => {
    await sari.topup();
    h.clock.advance(71_000);
    await sari.expect("Waktu pembayaran habis");
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    const late = await sari.expect("Pembayaran berhasil");
    expect(late.text).toContain("setelah batas waktu");
    expect(await balance()).toBe(100_000);
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
    expect(await status()).toBe("failed");
    expect(await balance()).toBe(0);
    expect((await sari.topup()).text).toContain("Konfirmasi Pembayaran");
  });

  it("backs off instead of asking again at every tick when the gateway's answer settles nothing", async () => {
    await sari.topup();
    h.xendit.setCallbackUrl(null);
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    // An anomaly for an operator: what the gateway reports paid is not what we asked for (flagged, not credited).
    await h.update("topups", { amount: 90_000 });
    h.clock.advance(71_000);
    await eventually(async () => expect((await h.app.services.topups.latest(sari.id))?.checkAttempts).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gets()).toBe(1);
    expect(await balance()).toBe(0);
    expect((await h.app.services.topups.latest(sari.id))?.flag).toMatch(/expected IDR 90000/);
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
    expect(await balance()).toBe(100_000);
  });

  it("/status with nothing open shows the last payment", async () => {
    await sari.say("/status");
    await sari.expect("Tidak ada pembayaran yang sedang menunggu");
  });
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const attempts = async () => (await h.app.services.topups.latest(sari.id))?.checkAttempts;
const pause = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe("our own expiry is a guess: the gateway is asked again +10 min, +1 h and +24 h after it", () => {
  it("says the payment was not confirmed, not that the OVO balance was untouched", async () => {
    const john = merchant(h, 4002, { language_code: "en" });
    await sari.topup();
    await john.topup({ phone: "081311112222" });
    h.clock.advance(71_000);
    const id = await sari.expect("Waktu pembayaran habis");
    expect(id.text).toContain("Jika saldo OVO Anda terpotong, Coin Premium akan ditambahkan otomatis");
    expect(id.text).not.toContain("tidak terpotong");
    const en = await john.expect("Payment time ran out");
    expect(en.text).toContain("If your OVO balance was charged, the Coin Premium will be added automatically");
    expect(en.text).not.toContain("not charged");
  });

  it("credits a payment Xendit confirms at a later check, once, like a late callback", async () => {
    await sari.topup();
    const charge = h.xendit.charges()[0]!;
    h.clock.advance(71_000);
    await sari.expect("Waktu pembayaran habis");
    // The merchant is free to start another top-up meanwhile.
    expect((await sari.topup({ phone: "081311112222" })).text).toContain("Konfirmasi Pembayaran");
    await h.xendit.pay(charge.id, { callback: false });
    h.clock.advance(9 * MINUTE);
    await pause();
    expect(await balance()).toBe(0);
    h.clock.advance(MINUTE);
    expect((await sari.expect("Pembayaran berhasil")).text).toContain("setelah batas waktu");
    expect(await balance()).toBe(100_000);
    h.clock.advance(DAY);
    await pause();
    expect(sari.count("Pembayaran berhasil")).toBe(1);
    expect(await balance()).toBe(100_000);
  });

  it("asks three times and then stops; a still-pending answer leaves the top-up expired, not open", async () => {
    await sari.topup();
    h.clock.advance(71_000);
    await sari.expect("Waktu pembayaran habis");
    expect(gets()).toBe(1);
    for (const [wait, expected] of [[10 * MINUTE, 2], [HOUR - 10 * MINUTE, 3], [DAY - HOUR, 4]] as const) {
      h.clock.advance(wait - 1_000);
      await pause(100);
      expect(gets()).toBe(expected - 1);
      h.clock.advance(1_000);
      await eventually(() => expect(gets()).toBe(expected));
      expect(await status()).toBe("expired");
    }
    h.clock.advance(7 * DAY);
    await pause();
    expect(gets()).toBe(4);
    expect(sari.count("Waktu pembayaran habis")).toBe(1);
    expect((await sari.topup()).text).toContain("Konfirmasi Pembayaran");
  });

  it("survives a restart: the re-check is a column, not a timer", async () => {
    await sari.topup();
    h.clock.advance(71_000);
    await sari.expect("Waktu pembayaran habis");
    await h.stopApp();
    await h.xendit.pay(h.xendit.charges()[0]!.id, { callback: false });
    h.clock.advance(2 * HOUR);
    await h.restart();
    expect((await sari.expect("Pembayaran berhasil")).text).toContain("setelah batas waktu");
    expect(await balance()).toBe(100_000);
  });
});

describe("status-check errors end", () => {
  it.each([
    [404, "OVO tidak mengenali permintaan pembayaran ini"],
    [401, "Status pembayaran tidak dapat kami periksa"],
    [403, "Status pembayaran tidak dapat kami periksa"],
  ] as const)("a %i on the check gives up after three tries with a reason, and frees the merchant", async (code, reason) => {
    await sari.topup();
    h.xendit.injectFault({ op: "get", status: code, times: 100 });
    h.clock.advance(71_000);
    await eventually(async () => expect(await attempts()).toBe(1));
    h.clock.advance(15_000);
    await eventually(async () => expect(await attempts()).toBe(2));
    expect(await status()).toBe("pending");
    // About two minutes after the push was sent: its lifetime plus a little.
    h.clock.advance(30_000);
    const unconfirmed = await sari.expect("Pembayaran tidak terkonfirmasi");
    expect(unconfirmed.text).toContain(reason);
    expect(unconfirmed.text).toContain("ditambahkan otomatis");
    expect(await status()).toBe("expired");
    expect(gets()).toBe(3);
    expect((await sari.topup({ phone: "081311112222" })).text).toContain("Konfirmasi Pembayaran");
  });

  it("transient errors end too: after the backoff it is unconfirmed, and a later re-check still credits it", async () => {
    await sari.topup();
    h.xendit.injectFault({ op: "get", status: 503, times: 100 });
    h.clock.advance(71_000);
    for (const [index, wait] of [15_000, 30_000, 60_000, 120_000, 300_000].entries()) {
      await eventually(async () => expect(await attempts()).toBe(index + 1));
      expect(await status()).toBe("pending");
      h.clock.advance(wait);
    }
    expect((await sari.expect("Pembayaran tidak terkonfirmasi")).text).toContain("Status pembayaran tidak dapat kami periksa");
    expect(gets()).toBe(6);
    h.xendit.clearFaults();
    await h.xendit.pay(h.xendit.charges()[0]!.id, { callback: false });
    h.clock.advance(10 * MINUTE);
    expect((await sari.expect("Pembayaran berhasil")).text).toContain("setelah batas waktu");
    expect(await balance()).toBe(100_000);
  });

  it.each([
    ["another reference", { reference_id: "cp-20260101-someoneelse" }],
    ["another charge id", { id: "ewc_someone_else" }],
  ])("an answer for %s is ignored and counts as a failed try", async (_name, alter) => {
    await sari.topup();
    await h.xendit.pay(h.xendit.charges()[0]!.id, { callback: false });
    h.xendit.injectFault({ op: "get", alter });
    h.clock.advance(71_000);
    await eventually(async () => expect(await attempts()).toBe(1));
    await pause();
    expect(gets()).toBe(1);
    expect(await status()).toBe("pending");
    expect((await h.app.services.topups.latest(sari.id))?.flag).toBeNull();
    expect(await balance()).toBe(0);
    h.clock.advance(15_000);
    await sari.expect("Pembayaran berhasil");
    expect(await balance()).toBe(100_000);
  });
});
