import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 2001);
});
afterEach(async () => {
  await h.close();
});

describe("wrong input gets a reason and another try", () => {
  it("explains each refused amount, then accepts 150rb", async () => {
    await sari.say("/topup");
    await sari.press(await sari.expect("Pilih nominal"), "✏️ Nominal lain");
    await sari.expect("Ketik nominal top up");
    await sari.say("seratus ribu");
    await sari.expect("Nominal tidak terbaca");
    await sari.say("5000");
    await sari.expect("Nominal minimal Rp10.000");
    await sari.say("60jt");
    await sari.expect("Nominal maksimal Rp50.000.000");
    await sari.say("150000,5");
    await sari.expect("rupiah penuh");
    // A contact is not an amount either, and must not be met with silence.
    await sari.user.shareContact("+6281234567890");
    await sari.expect("Nominal tidak terbaca");
    await sari.say("150rb");
    const method = await sari.expect("Pilih metode");
    await sari.press(method, "E-Wallet");
    await sari.press(method, "OVO");
    expect((await sari.expect("Ringkasan")).text).toContain("Rp150.000");
  });

  it("accepts a typed amount at the button step", async () => {
    await sari.say("/topup");
    await sari.expect("Pilih nominal");
    await sari.say("Rp 75.000");
    const method = await sari.expect("Pilih metode");
    await sari.press(method, "E-Wallet");
    await sari.press(method, "OVO");
    expect((await sari.expect("Ringkasan")).text).toContain("Rp75.000");
  });

  it("asks to use the buttons when text arrives at a button-only step", async () => {
    await sari.say("/topup");
    await sari.press(await sari.expect("Pilih nominal"), "Rp50.000");
    await sari.expect("Pilih metode");
    await sari.say("ovo please");
    await sari.expect("pilih salah satu tombol");
    await sari.user.sendMessage({ sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } });
    await sari.expect("pilih salah satu tombol");
  });

  it("explains a wrong phone number and takes a shared contact", async () => {
    await sari.toPhoneStep();
    await sari.say("12345");
    await sari.expect("Nomor HP tidak valid");
    await sari.say("+1 415 555 2671");
    await sari.expect("Nomor HP tidak valid");
    await sari.say("021 1234 5678");
    await sari.expect("bukan nomor HP seluler");
    await sari.user.shareContact("6285712345678");
    await sari.expect("Nomor OVO: 0857****5678");
    expect(sari.user.replyKeyboard()).toBeUndefined();
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    expect(h.xendit.charges()[0]?.channel_properties.mobile_number).toBe("+6285712345678");
  });

  it("lets the merchant change the number before OK", async () => {
    await sari.toPhoneStep();
    await sari.say("081111111111");
    await sari.press(await sari.expect("Tekan OK"), "✏️ Ubah nomor");
    await sari.expect("Masukkan nomor");
    await sari.say("082222222222");
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    expect(h.xendit.charges().map((c) => c.channel_properties.mobile_number)).toEqual(["+6282222222222"]);
  });
});

describe("leaving and coming back", () => {
  it.each(["amount", "method", "summary", "phone", "ok"] as const)("/batal at the %s step leaves without a charge", async (step) => {
    await sari.say("/topup");
    const amount = await sari.expect("Pilih nominal");
    if (step !== "amount") {
      await sari.press(amount, "Rp100.000");
      const method = await sari.expect("Pilih metode");
      if (step !== "method") {
        await sari.press(method, "E-Wallet");
        await sari.press(method, "OVO");
        const summary = await sari.expect("Ringkasan");
        if (step !== "summary") {
          await sari.press(summary, "✅ Lanjutkan");
          await sari.expect("Masukkan nomor");
          if (step !== "phone") {
            await sari.say("081234567890");
            await sari.expect("Tekan OK");
          }
        }
      }
    }
    await sari.say("/batal");
    await sari.expect("Dibatalkan");
    expect(sari.user.replyKeyboard()).toBeUndefined();
    await sari.say("081234567890");
    await sari.expect("belum mengerti");
    expect(h.xendit.charges()).toHaveLength(0);
  });

  it("the Batal button and the Batal reply key both cancel", async () => {
    await sari.say("/topup");
    await sari.press(await sari.expect("Pilih nominal"), "✖️ Batal");
    await sari.expect("Top up dibatalkan");
    await sari.toPhoneStep();
    await sari.say("✖️ Batal");
    await sari.expect("Top up dibatalkan");
    expect(h.xendit.charges()).toHaveLength(0);
  });

  it("answers a button from an old message as no longer active, and a double tap on OK charges once", async () => {
    await sari.say("/topup");
    const first = await sari.expect("Pilih nominal");
    await sari.say("/topup");
    const second = await sari.expect("Pilih nominal");
    const staleQuery = await sari.user.click(first.message_id, "Rp50.000");
    await expectAnswer(sari, staleQuery, "Tombol ini sudah tidak berlaku.");
    await sari.press(second, "Rp100.000");
    const method = await sari.expect("Pilih metode");
    await sari.press(method, "E-Wallet");
    await sari.press(method, "OVO");
    await sari.press(await sari.expect("Ringkasan"), "✅ Lanjutkan");
    await sari.expect("Masukkan nomor");
    await sari.say("081234567890");
    const ok = await sari.expect("Tekan OK");
    // Two taps before the first is handled: the second finds the step answered.
    const [, secondTap] = await Promise.all([sari.user.click(ok.message_id, "OK"), sari.user.click(ok.message_id, "OK")]);
    await sari.expect("Konfirmasi Pembayaran");
    await expectAnswer(sari, secondTap, "Tombol ini sudah tidak berlaku.");
    expect(h.xendit.charges()).toHaveLength(1);
  });

  it("another command in the middle leaves the top-up and runs", async () => {
    await sari.say("/topup");
    await sari.expect("Pilih nominal");
    await sari.say("/saldo");
    await sari.expect("Saldo Coin Premium");
    await sari.say("081234567890");
    await sari.expect("belum mengerti");
  });

  it("continues a top-up after the process restarts in the middle", async () => {
    await sari.say("/topup");
    await sari.press(await sari.expect("Pilih nominal"), "Rp250.000");
    const method = await sari.expect("Pilih metode");
    await sari.press(method, "E-Wallet");
    await sari.press(method, "OVO");
    const summary = await sari.expect("Ringkasan");
    await h.restart();
    await sari.press(summary, "✅ Lanjutkan");
    await sari.expect("Masukkan nomor");
    await h.restart();
    await sari.say("081234567890");
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    expect(h.xendit.charges()[0]?.charge_amount).toBe(250_000);
  });

  it("an unknown command or a stray button gets a friendly answer", async () => {
    await sari.say("/foo");
    await sari.expect("Perintah tidak dikenal");
    await sari.say("/start");
    const menu = await sari.expect("Halo");
    await h.restart();
    await sari.press(menu, "❓ Bantuan");
    await sari.expect("Cara top up Coin Premium");
  });
});

async function expectAnswer(m: Merchant, queryId: string, text: string) {
  await eventually(() => expect(m.user.callbackAnswers.find((a) => a.id === queryId)?.text).toBe(text));
}
